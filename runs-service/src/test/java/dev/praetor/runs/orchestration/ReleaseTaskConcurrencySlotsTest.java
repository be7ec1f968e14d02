package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.taskruns.TaskRunEntity;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReleaseTaskConcurrencySlotsTest {
    @Test
    void finishedTaskReleasesItsTagSlots() {
        var slots = new SecureTaskConcurrencySlotsTest.FixedSlots(new TaskConcurrencySlots.Decision.Acquired());
        TaskRunEntity run = TaskRunEntity.create(UUID.randomUUID(), WORKSPACE, null, "t", List.of("db")).withState(state(StateType.RUNNING));
        apply(task(run, null, state(StateType.COMPLETED)), () -> new ReleaseTaskConcurrencySlots(slots));
        assertEquals(1, slots.releases);
    }

    @Test
    void runningTaskKeepsItsTagSlots() {
        var slots = new SecureTaskConcurrencySlotsTest.FixedSlots(new TaskConcurrencySlots.Decision.Acquired());
        TaskRunEntity run = TaskRunEntity.create(UUID.randomUUID(), WORKSPACE, null, "t", List.of("db")).withState(state(StateType.PENDING));
        apply(task(run, null, state(StateType.RUNNING)), () -> new ReleaseTaskConcurrencySlots(slots));
        assertEquals(0, slots.releases);
    }
}
