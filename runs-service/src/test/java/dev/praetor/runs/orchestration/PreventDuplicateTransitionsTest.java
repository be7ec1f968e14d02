package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.StateResponseDetails;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PreventDuplicateTransitionsTest {
    @Test
    void repeatedTransitionIdIsRejectedWithTheCurrentState() {
        UUID transition = UUID.randomUUID();
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.RUNNING, d -> d.transitionId(transition))),
                state(StateType.RUNNING, d -> d.transitionId(transition))), PreventDuplicateTransitions::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertEquals(new StateResponseDetails.Reject("This run has already made this state transition."), ctx.details());
        assertFalse(ctx.stateWritten());
    }

    @Test
    void newTransitionIdIsAccepted() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.RUNNING, d -> d.transitionId(UUID.randomUUID()))),
                state(StateType.COMPLETED, d -> d.transitionId(UUID.randomUUID()))), PreventDuplicateTransitions::new);
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
    }
}
