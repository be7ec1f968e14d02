package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.StateResponseDetails;
import org.junit.jupiter.api.Test;

class BypassCancellingFlowRunsWithNoInfraTest {
    @Test
    void scheduledRunWithoutInfrastructureIsCancelledDirectly() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.SCHEDULED)), state(StateType.CANCELLING)),
                BypassCancellingFlowRunsWithNoInfra::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertEquals(StateType.CANCELLED, ctx.validatedState().type());
        assertTrue(ctx.stateWritten());
    }

    @Test
    void scheduledRunWithInfrastructureBecomesCancelling() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.SCHEDULED)).withInfrastructurePid("4242"),
                state(StateType.CANCELLING)), BypassCancellingFlowRunsWithNoInfra::new);
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
        assertEquals(StateType.CANCELLING, ctx.validatedState().type());
    }

    @Test
    void suspendedRunIsCancelledDirectly() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.PAUSED, d -> d.pauseReschedule(true))),
                state(StateType.CANCELLING)), BypassCancellingFlowRunsWithNoInfra::new);
        assertEquals(StateType.CANCELLED, ctx.validatedState().type());
        assertEquals(new StateResponseDetails.Reject("Suspended flow run has no infrastructure to terminate."), ctx.details());
    }
}
