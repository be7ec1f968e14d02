package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.StateResponseDetails;
import org.junit.jupiter.api.Test;

class HandleResumingPausedFlowsTest {
    @Test
    void pausedRunCannotGoPending() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.PAUSED)), state(StateType.PENDING)),
                HandleResumingPausedFlows::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertFalse(ctx.stateWritten());
    }

    @Test
    void timedOutPauseFailsTheRun() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.PAUSED, d -> d.pauseTimeout(now().minusMinutes(1)))),
                state(StateType.RUNNING)), HandleResumingPausedFlows::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertEquals(StateType.FAILED, ctx.validatedState().type());
        assertEquals("The flow was running and never resumed.", ctx.validatedState().message());
    }

    @Test
    void resumedRunIsMarkedResuming() {
        FlowRunEntity run = flowRun(state(StateType.PAUSED));
        apply(flow(run, state(StateType.RUNNING)), HandleResumingPausedFlows::new);
        assertTrue(run.empiricalPolicy().resuming());
    }

    @Test
    void suspendedRunWithoutDeploymentCannotBeRescheduled() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.PAUSED, d -> d.pauseReschedule(true))),
                state(StateType.SCHEDULED, "Resuming")), HandleResumingPausedFlows::new);
        assertEquals(new StateResponseDetails.Reject("Cannot reschedule a resuming flow run without a deployment."), ctx.details());
    }
}
