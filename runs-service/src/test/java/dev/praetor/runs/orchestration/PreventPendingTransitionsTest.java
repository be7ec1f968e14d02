package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.StateResponseDetails;
import org.junit.jupiter.api.Test;

class PreventPendingTransitionsTest {
    @Test
    void secondPendingProposalIsAborted() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.PENDING)), state(StateType.PENDING)),
                PreventPendingTransitions::new);
        assertEquals(SetStateStatus.ABORT, ctx.status());
        assertEquals(new StateResponseDetails.Abort("This run is in a PENDING state and cannot transition to a PENDING state."),
                ctx.details());
    }

    @Test
    void pendingAfterRunningIsAborted() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.RUNNING)), state(StateType.PENDING)),
                PreventPendingTransitions::new);
        assertEquals(SetStateStatus.ABORT, ctx.status());
    }

    @Test
    void renamedPendingSubStepIsAcceptedAndKeepsTheScheduledTime() {
        var scheduled = now().plusMinutes(5);
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.PENDING, d -> d.scheduledTime(scheduled))),
                state(StateType.PENDING, "Submitting")), PreventPendingTransitions::new);
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
        assertEquals(scheduled, ctx.validatedState().state_details().scheduled_time());
    }
}
