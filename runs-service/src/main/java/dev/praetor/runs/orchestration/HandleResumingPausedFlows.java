package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import java.util.Locale;

/**
 * Flow rule 12: a paused run may only continue (RUNNING), be rescheduled (a suspended run, which needs a deployment)
 * or finish; a pause whose timeout has passed can no longer resume and fails instead. Afterwards the run is marked
 * {@code resuming} so that its next RUNNING does not count as a new attempt.
 *
 * <p>Reproduced Prefect quirk: the TO set contains "no state", so the after-hook (and the {@code resuming} flag) also
 * applies when this rule rejected without a replacement.
 */
public class HandleResumingPausedFlows extends OrchestrationRule<FlowOrchestrationContext> {
    public HandleResumingPausedFlows() {
        super(StateTypeSet.of(StateType.PAUSED), StateTypeSet.ALL);
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        if (initial == null || proposed == null) {
            return done();
        }
        if (!(proposed.hasType(StateType.RUNNING) || proposed.hasType(StateType.SCHEDULED) || proposed.terminal())) {
            reject(null, "This run cannot transition to the " + proposed.type() + " state from the " + initial.type()
                    + " state.");
            return done();
        }
        String verb = "Suspended".equals(proposed.name()) ? "suspend" : "pause";
        String displayName = proposed.name() != null ? proposed.name().toLowerCase(Locale.ROOT)
                : proposed.type().name().toLowerCase(Locale.ROOT);
        if (initial.state_details().pause_reschedule() && ctx.run().deploymentId() == null) {
            reject(null, "Cannot reschedule a " + displayName + " flow run without a deployment.");
            return done();
        }
        var timeout = initial.state_details().pause_timeout();
        if (timeout != null && timeout.isBefore(ctx.now())) {
            reject(State.of(StateType.FAILED, null, "The flow was " + displayName + " and never resumed.", ctx.now()),
                    "The flow run " + verb + " has timed out and can no longer resume.");
        }
        return done();
    }

    @Override
    protected Uni<Void> afterTransition(State initial, State validated, FlowOrchestrationContext ctx) {
        ctx.run().setEmpiricalPolicy(ctx.run().empiricalPolicy().withResuming(true));
        return done();
    }
}
