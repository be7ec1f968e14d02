package dev.praetor.runs.orchestration;

import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Flow rule 2: a proposal carrying the {@code transition_id} of the current state is a client retry of a request
 * that already succeeded: answer with the current state instead of writing it twice.
 */
public class PreventDuplicateTransitions extends OrchestrationRule<FlowOrchestrationContext> {
    public PreventDuplicateTransitions() {
        super(StateTypeSet.ALL, StateTypeSet.ALL);
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        if (initial == null || proposed == null) {
            return done();
        }
        UUID current = initial.state_details().transition_id();
        if (current != null && current.equals(proposed.state_details().transition_id())) {
            reject(null, "This run has already made this state transition.");
        }
        return done();
    }
}
