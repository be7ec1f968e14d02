package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.StateResponseDetails;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PreventRunningTasksFromStoppedFlowsTest {
    private static final UUID FLOW_RUN = UUID.randomUUID();

    @Test
    void taskOfARunningFlowRuns() {
        TaskOrchestrationContext ctx = apply(task(taskRun(FLOW_RUN, state(StateType.PENDING)),
                new EnclosingFlowRun(FLOW_RUN, 1, state(StateType.RUNNING)), state(StateType.RUNNING)),
                PreventRunningTasksFromStoppedFlows::new);
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
    }

    @Test
    void taskOfAPausedFlowIsParkedNotReady() {
        var timeout = now().plusHours(1);
        TaskOrchestrationContext ctx = apply(task(taskRun(FLOW_RUN, state(StateType.PENDING)),
                new EnclosingFlowRun(FLOW_RUN, 1, state(StateType.PAUSED, d -> d.pauseTimeout(timeout))), state(StateType.RUNNING)),
                PreventRunningTasksFromStoppedFlows::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertEquals("NotReady", ctx.validatedState().name());
        assertEquals(timeout, ctx.validatedState().state_details().pause_timeout());
    }

    @Test
    void taskOfAFinishedFlowIsAborted() {
        TaskOrchestrationContext ctx = apply(task(taskRun(FLOW_RUN, state(StateType.PENDING)),
                new EnclosingFlowRun(FLOW_RUN, 1, state(StateType.COMPLETED)), state(StateType.RUNNING)),
                PreventRunningTasksFromStoppedFlows::new);
        assertEquals(new StateResponseDetails.Abort("The enclosing flow must be running to begin task execution."), ctx.details());
    }

    @Test
    void taskOfAFlowWithoutStateIsAborted() {
        TaskOrchestrationContext ctx = apply(task(taskRun(FLOW_RUN, state(StateType.PENDING)),
                new EnclosingFlowRun(FLOW_RUN, 0, null), state(StateType.RUNNING)), PreventRunningTasksFromStoppedFlows::new);
        assertEquals(SetStateStatus.ABORT, ctx.status());
    }
}
