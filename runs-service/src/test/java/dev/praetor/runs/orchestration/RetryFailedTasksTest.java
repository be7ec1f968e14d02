package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import dev.praetor.runs.taskruns.TaskRunEntity;
import dev.praetor.runs.taskruns.TaskRunPolicy;
import org.junit.jupiter.api.Test;

class RetryFailedTasksTest {
    private static TaskRunEntity running(TaskRunPolicy policy, int runCount) {
        return taskRun(null, state(StateType.RUNNING)).withPolicy(policy).withRunCount(runCount);
    }

    @Test
    void failureWithRetriesLeftBecomesAwaitingRetry() {
        TaskOrchestrationContext ctx = apply(task(running(new TaskRunPolicy(null, null, 1, null, null), 1), null,
                State.of(StateType.FAILED, null, "boom", now())), RetryFailedTasks::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertEquals("AwaitingRetry", ctx.validatedState().name());
        assertEquals("boom", ctx.validatedState().message());
    }

    @Test
    void listOfDelaysGivesOneDelayPerAttempt() {
        var delays = JsonNodeFactory.instance.arrayNode().add(1).add(60);
        TaskOrchestrationContext ctx = apply(task(running(new TaskRunPolicy(null, null, 3, delays, null), 2), null,
                state(StateType.FAILED)), RetryFailedTasks::new);
        assertTrue(ctx.validatedState().state_details().scheduled_time().isAfter(now().plusSeconds(55)));
    }

    @Test
    void jitterKeepsTheDelayWithinItsBound() {
        TaskOrchestrationContext ctx = apply(task(running(new TaskRunPolicy(null, null, 1,
                JsonNodeFactory.instance.numberNode(100), 0.5), 1), null, state(StateType.FAILED)), RetryFailedTasks::new);
        assertTrue(ctx.validatedState().state_details().scheduled_time().isBefore(now().plusSeconds(151)));
    }

    @Test
    void nonRetriableFailureIsAccepted() {
        TaskOrchestrationContext ctx = apply(task(running(new TaskRunPolicy(null, null, 3, null, null), 1), null,
                state(StateType.FAILED, d -> d.retriable(false))), RetryFailedTasks::new);
        assertEquals(StateType.FAILED, ctx.validatedState().type());
    }

    @Test
    void failureAfterTheLastRetryIsAccepted() {
        TaskOrchestrationContext ctx = apply(task(running(new TaskRunPolicy(null, null, 1, null, null), 2), null,
                state(StateType.FAILED)), RetryFailedTasks::new);
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
    }
}
