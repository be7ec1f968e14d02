package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.taskruns.TaskRunEntity;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UpdateFlowRunTrackerOnTasksTest {
    @Test
    void startingTaskRecordsItsFlowRunAttempt() {
        UUID flowRunId = UUID.randomUUID();
        TaskRunEntity run = taskRun(flowRunId, state(StateType.PENDING));
        apply(task(run, new EnclosingFlowRun(flowRunId, 2, state(StateType.RUNNING)), state(StateType.RUNNING)),
                UpdateFlowRunTrackerOnTasks::new);
        assertEquals(2, run.flowRunRunCount());
    }

    @Test
    void taskOfADeletedFlowRunIsNotFound() {
        TaskRunEntity run = taskRun(UUID.randomUUID(), state(StateType.PENDING));
        assertThrows(dev.praetor.rest.errors.ObjectNotFoundException.class,
                () -> apply(task(run, null, state(StateType.RUNNING)), UpdateFlowRunTrackerOnTasks::new));
    }
}
