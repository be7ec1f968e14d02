package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Minimal-policy rule: even a forced transition may not replace a COMPLETED state that carries a persisted result
 * with a COMPLETED state that does not (the result would be lost).
 */
public class PreventResultDataLoss extends OrchestrationRule<FlowOrchestrationContext> {
    public PreventResultDataLoss() {
        super(StateTypeSet.TERMINAL, StateTypeSet.TERMINAL);
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        if (initial != null && proposed != null && initial.hasType(StateType.COMPLETED)
                && proposed.hasType(StateType.COMPLETED) && initial.hasPersistedResult() && !proposed.hasPersistedResult()) {
            reject(null, "Cannot overwrite a COMPLETED state that carries persisted result data with one that does not.");
        }
        return done();
    }
}
