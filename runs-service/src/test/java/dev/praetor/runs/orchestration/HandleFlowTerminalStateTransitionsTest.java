package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.flowruns.FlowRunPolicy;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.StateResponseDetails;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HandleFlowTerminalStateTransitionsTest {
    private static final com.fasterxml.jackson.databind.node.ObjectNode RESULT = com.fasterxml.jackson.databind.node.JsonNodeFactory
            .instance.objectNode().put("storage_key", "/results/abc").put("prefect_version", "3.9.1");

    @Test
    void crashingAFinishedRunIsAborted() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.COMPLETED)), state(StateType.CRASHED)),
                HandleFlowTerminalStateTransitions::new);
        assertEquals(new StateResponseDetails.Abort("Run is already in terminal state COMPLETED."), ctx.details());
    }

    @Test
    void completedRunWithPersistedResultIsNotRerun() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.COMPLETED).withData(RESULT)), state(StateType.RUNNING)),
                HandleFlowTerminalStateTransitions::new);
        assertEquals(new StateResponseDetails.Reject("Run is already COMPLETED."), ctx.details());
    }

    @Test
    void completedResultIsNotOverwrittenByACompletionWithoutOne() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.COMPLETED).withData(RESULT)), state(StateType.COMPLETED)),
                HandleFlowTerminalStateTransitions::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
    }

    @Test
    void reschedulingARunWithoutDeploymentIsAborted() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.FAILED)), state(StateType.SCHEDULED)),
                HandleFlowTerminalStateTransitions::new);
        assertEquals(new StateResponseDetails.Abort("Cannot reschedule a run without an associated deployment."), ctx.details());
    }

    @Test
    void manualRetryOfADeploymentRunResetsPauseBookkeeping() {
        FlowRunEntity run = flowRun(state(StateType.FAILED)).withDeployment(UUID.randomUUID())
                .withPolicy(FlowRunPolicy.DEFAULTS.withPauseKeys(Set.of("a")).withResuming(true));
        FlowOrchestrationContext ctx = apply(flow(run, state(StateType.SCHEDULED, "AwaitingRetry")),
                HandleFlowTerminalStateTransitions::new);
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
        assertEquals(Set.of(), run.empiricalPolicy().pause_keys());
        assertFalse(run.empiricalPolicy().resuming());
        assertEquals(FlowRunPolicy.RetryType.RESCHEDULE, run.empiricalPolicy().retry_type());
    }

    @Test
    void resetIsUndoneWhenALaterRuleStopsTheTransition() {
        FlowRunPolicy original = FlowRunPolicy.DEFAULTS.withPauseKeys(Set.of("a"));
        FlowRunEntity run = flowRun(state(StateType.FAILED)).withPolicy(original);
        apply(flow(run, state(StateType.RUNNING)), HandleFlowTerminalStateTransitions::new, OrchestratorTest.AbortEverything::new);
        assertEquals(original, run.empiricalPolicy());
    }
}
