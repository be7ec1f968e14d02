package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.flowruns.FlowRunPolicy;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateResponseDetails;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandlePausingFlowsTest {
    @Test
    void pausingARunWithoutStateIsAborted() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(null), state(StateType.PAUSED)), HandlePausingFlows::new);
        assertEquals(new StateResponseDetails.Abort("Cannot pause flows with no state."), ctx.details());
    }

    @Test
    void onlyRunningRunsCanPause() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.PENDING)), state(StateType.PAUSED)), HandlePausingFlows::new);
        assertEquals(new StateResponseDetails.Reject("Cannot pause flows that are not currently running."), ctx.details());
    }

    @Test
    void acceptedPauseRecordsItsKey() {
        FlowRunEntity run = flowRun(state(StateType.RUNNING));
        FlowOrchestrationContext ctx = apply(flow(run, state(StateType.PAUSED, d -> d.pauseKey("step-1"))), HandlePausingFlows::new);
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
        assertEquals(Set.of("step-1"), run.empiricalPolicy().pause_keys());
    }

    @Test
    void aPausePointFiresOnce() {
        FlowRunEntity run = flowRun(state(StateType.RUNNING)).withPolicy(FlowRunPolicy.DEFAULTS.withPauseKey("step-1"));
        FlowOrchestrationContext ctx = apply(flow(run, state(StateType.PAUSED, d -> d.pauseKey("step-1"))), HandlePausingFlows::new);
        assertEquals(new StateResponseDetails.Reject("This pause has already fired."), ctx.details());
    }

    @Test
    void suspendingARunWithoutDeploymentIsAborted() {
        State suspended = State.of(StateType.PAUSED, "Suspended", null, now()).withDetails(d -> d.pauseReschedule(true));
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.RUNNING)), suspended), HandlePausingFlows::new);
        assertEquals(new StateResponseDetails.Abort("Cannot suspend flows without a deployment."), ctx.details());
    }
}
