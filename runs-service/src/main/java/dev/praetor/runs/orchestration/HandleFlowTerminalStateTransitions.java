package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunPolicy;
import dev.praetor.runs.flowruns.FlowRunPolicy.RetryType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import java.util.EnumSet;
import java.util.Set;

/**
 * Flow rule 3: a finished run may only be re-run in ways that lose nothing — no CANCELLING/PAUSED/CRASHED after the
 * end, no overwriting a persisted result, no rescheduling without a deployment. Leaving a terminal state for a
 * non-terminal one resets the pause bookkeeping (manual retries pause afresh); undone if a later rule changes the
 * transition.
 */
public class HandleFlowTerminalStateTransitions extends OrchestrationRule<FlowOrchestrationContext> {
    private static final Set<StateType> NOT_AFTER_THE_END = EnumSet.of(StateType.CANCELLING, StateType.PAUSED,
            StateType.CRASHED);
    private FlowRunPolicy originalPolicy;

    public HandleFlowTerminalStateTransitions() {
        super(StateTypeSet.TERMINAL, StateTypeSet.ALL);
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        if (initial == null || proposed == null) {
            return done();
        }
        originalPolicy = ctx.run().empiricalPolicy();
        if (NOT_AFTER_THE_END.contains(proposed.type())) {
            abort("Run is already in terminal state " + initial.type() + ".");
            return done();
        }
        boolean completedWithResult = initial.hasType(StateType.COMPLETED) && initial.hasPersistedResult();
        if (completedWithResult && !proposed.terminal()) {
            reject(null, "Run is already COMPLETED.");
            return done();
        }
        if (completedWithResult && proposed.hasType(StateType.COMPLETED) && !proposed.hasPersistedResult()) {
            reject(null, "Cannot overwrite a COMPLETED state that carries persisted result data with one that does not.");
            return done();
        }
        if (proposed.hasType(StateType.SCHEDULED) && ctx.run().deploymentId() == null) {
            abort("Cannot reschedule a run without an associated deployment.");
            return done();
        }
        if (!proposed.terminal() && ctx.parameters().apiAtLeast084()) {
            RetryType retryType = proposed.hasType(StateType.SCHEDULED) ? RetryType.RESCHEDULE : null;
            ctx.run().setEmpiricalPolicy(originalPolicy.withResuming(false).withPauseKeys(Set.of()).withRetryType(retryType));
        }
        return done();
    }

    @Override
    protected Uni<Void> cleanup(State initial, State validated, FlowOrchestrationContext ctx) {
        if (originalPolicy != null && !originalPolicy.equals(ctx.run().empiricalPolicy())) {
            ctx.run().setEmpiricalPolicy(originalPolicy);
        }
        return done();
    }
}
