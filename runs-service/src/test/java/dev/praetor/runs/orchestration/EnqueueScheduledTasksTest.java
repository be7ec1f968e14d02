package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.taskruns.TaskRunEntity;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnqueueScheduledTasksTest {
    @Test
    void scheduledDeferredTaskIsQueuedForItsTaskKey() {
        ScheduledTaskQueues queues = new ScheduledTaskQueues();
        TaskRunEntity run = taskRun(null, null);
        apply(task(run, null, state(StateType.SCHEDULED, d -> d.deferred(true).scheduledTime(now()))),
                () -> new EnqueueScheduledTasks(queues));
        assertEquals(java.util.Optional.of(run.id()), queues.poll(WORKSPACE, List.of(run.taskKey())));
    }

    @Test
    void retriesAreServedBeforeScheduledRuns() {
        ScheduledTaskQueues queues = new ScheduledTaskQueues();
        UUID scheduled = UUID.randomUUID();
        UUID retry = UUID.randomUUID();
        queues.enqueue(WORKSPACE, "k", scheduled, false);
        queues.enqueue(WORKSPACE, "k", retry, true);
        assertEquals(java.util.Optional.of(retry), queues.poll(WORKSPACE, List.of("k")));
        assertEquals(java.util.Optional.of(scheduled), queues.poll(WORKSPACE, List.of("k")));
    }

    @Test
    void nonDeferredTaskIsNotQueued() {
        ScheduledTaskQueues queues = new ScheduledTaskQueues();
        TaskRunEntity run = taskRun(null, null);
        apply(task(run, null, state(StateType.SCHEDULED)), () -> new EnqueueScheduledTasks(queues));
        assertEquals(java.util.Optional.empty(), queues.poll(WORKSPACE, List.of(run.taskKey())));
    }
}
