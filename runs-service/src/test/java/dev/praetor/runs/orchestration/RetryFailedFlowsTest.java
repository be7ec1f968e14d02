package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.flowruns.FlowRunPolicy;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateResponseDetails;
import org.junit.jupiter.api.Test;

class RetryFailedFlowsTest {
    @Test
    void failureWithRetriesLeftBecomesAwaitingRetry() {
        FlowRunEntity run = flowRun(state(StateType.RUNNING)).withRunCount(1)
                .withPolicy(new FlowRunPolicy(null, null, 1, 10, null, null, null));
        State failed = State.of(StateType.FAILED, null, "boom", now());
        FlowOrchestrationContext ctx = apply(flow(run, failed), RetryFailedFlows::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertEquals(new StateResponseDetails.Reject("Retrying"), ctx.details());
        State retry = ctx.validatedState();
        assertEquals(StateType.SCHEDULED, retry.type());
        assertEquals("AwaitingRetry", retry.name());
        assertEquals("boom", retry.message());
        assertTrue(retry.state_details().scheduled_time().isAfter(now().plusSeconds(8)));
        assertEquals(FlowRunPolicy.RetryType.IN_PROCESS, run.empiricalPolicy().retry_type());
        assertTrue(ctx.stateWritten());
    }

    @Test
    void failureAfterTheLastRetryIsAccepted() {
        FlowRunEntity run = flowRun(state(StateType.RUNNING)).withRunCount(2)
                .withPolicy(new FlowRunPolicy(null, null, 1, 0, null, null, null));
        FlowOrchestrationContext ctx = apply(flow(run, state(StateType.FAILED)), RetryFailedFlows::new);
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
        assertEquals(StateType.FAILED, ctx.validatedState().type());
        assertNull(run.empiricalPolicy().retry_type());
    }

    @Test
    void runWithoutRetriesFails() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.RUNNING)).withRunCount(1), state(StateType.FAILED)),
                RetryFailedFlows::new);
        assertEquals(StateType.FAILED, ctx.validatedState().type());
    }
}
