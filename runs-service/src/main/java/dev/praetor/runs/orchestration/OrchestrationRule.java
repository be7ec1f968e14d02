package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateResponseDetails;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/**
 * An ordinary orchestration rule (Prefect's {@code BaseOrchestrationRule}): it governs transitions whose initial type
 * is in {@code from} and proposed type is in {@code to}, and may reject, delay, abort or rename the proposal.
 *
 * <p>Its hooks fire only while the transition is still the one it was compiled for: if an earlier rule already
 * changed the proposed type (or removed the proposal), the rule is <em>invalid</em> and does nothing; if a later rule
 * changes the transition after this rule's before-hook ran, the rule has <em>fizzled</em> and its {@link #cleanup}
 * runs instead of {@link #afterTransition}. A rule that itself rejects, delays or aborts follows its own new
 * transition, so it does not fizzle. These semantics are Prefect's, quirks included: e.g. a rule whose TO set contains
 * "no state" still runs its after-hook after rejecting without a replacement.
 */
public abstract class OrchestrationRule<C extends OrchestrationContext<?>> implements PolicyStep<C> {
    private static final Logger LOG = Logger.getLogger(OrchestrationRule.class);
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private final StateTypeSet fromStates;
    private final StateTypeSet toStates;
    private C context;
    private StateType fromType;
    private StateType toType;
    private Boolean invalidOnEntry;

    protected OrchestrationRule(StateTypeSet fromStates, StateTypeSet toStates) {
        this.fromStates = fromStates;
        this.toStates = toStates;
    }

    @Override
    public final boolean governs(StateType from, StateType to) {
        return fromStates.contains(from) && toStates.contains(to);
    }

    @Override
    public final Uni<Void> enter(C ctx, StateType from, StateType to) {
        this.context = ctx;
        this.fromType = from;
        this.toType = to;
        if (invalid()) {
            return DONE;
        }
        // An error in a before-hook aborts the transition; the orchestrator surfaces the error afterwards.
        return Uni.createFrom().deferred(() -> beforeTransition(ctx.initialState(), ctx.proposedState(), ctx))
                .onFailure().recoverWithUni(error -> {
                    LOG.debugf(error, "Error in before-transition hook of %s", ruleName());
                    ctx.failWith(error, "Aborting orchestration due to error in " + ruleName() + ": !" + error);
                    return DONE;
                });
    }

    @Override
    public final Uni<Void> exit(C ctx) {
        if (invalid()) {
            return DONE;
        }
        if (fizzled()) {
            return cleanup(ctx.initialState(), ctx.validatedState(), ctx);
        }
        return afterTransition(ctx.initialState(), ctx.validatedState(), ctx);
    }

    /** May change the proposal through {@link #reject}, {@link #delay}, {@link #abort}, {@link #rename}. */
    protected Uni<Void> beforeTransition(State initial, State proposed, C ctx) {
        return DONE;
    }

    /** Runs after the state was written (or kept), if the transition is still this rule's. */
    protected Uni<Void> afterTransition(State initial, State validated, C ctx) {
        return DONE;
    }

    /** Undoes the before-hook's side effects when a later rule changed the transition. */
    protected Uni<Void> cleanup(State initial, State validated, C ctx) {
        return DONE;
    }

    protected static Uni<Void> done() {
        return DONE;
    }

    /**
     * REJECT: with a {@code replacement}, that server-made state is written instead; without one, nothing is
     * written and the run keeps its current state (impossible when it has none).
     */
    protected void reject(State replacement, String reason) {
        if (replacement == null) {
            if (fromType == null) {
                throw new OrchestrationException("The current run has no state; this transition cannot be rejected "
                        + "without providing a new state.");
            }
            toType = null;
        } else {
            toType = replacement.type();
        }
        context.setProposedState(replacement);
        context.setVerdict(SetStateStatus.REJECT, new StateResponseDetails.Reject(reason));
    }

    /** WAIT: nothing is written; the client retries after {@code delaySeconds}. */
    protected void delay(int delaySeconds, String reason) {
        toType = null;
        context.setProposedState(null);
        context.setVerdict(SetStateStatus.WAIT, new StateResponseDetails.Wait(delaySeconds, reason));
    }

    /** ABORT: nothing is written; the client stops orchestrating this run. */
    protected void abort(String reason) {
        toType = null;
        context.setProposedState(null);
        context.setVerdict(SetStateStatus.ABORT, new StateResponseDetails.Abort(reason));
    }

    /** Renames the proposed state without changing the transition. */
    protected void rename(String name) {
        if (context.proposedState() != null) {
            context.setProposedState(context.proposedState().withName(name));
        }
    }

    private boolean invalid() {
        if (!fromStates.contains(fromType) || !toStates.contains(toType)) {
            invalidOnEntry = true;
        }
        if (invalidOnEntry == null) {
            invalidOnEntry = invalidTransition();
        }
        return invalidOnEntry;
    }

    private boolean fizzled() {
        return !invalidOnEntry && invalidTransition();
    }

    private boolean invalidTransition() {
        return fromType != context.initialStateType() || toType != context.proposedStateType();
    }
}
