package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import org.junit.jupiter.api.Test;

class RenameRerunsTest {
    @Test
    void runAfterAwaitingRetryIsNamedRetrying() {
        TaskOrchestrationContext ctx = apply(task(taskRun(null, state(StateType.SCHEDULED, "AwaitingRetry")).withRunCount(1), null,
                state(StateType.RUNNING)), RenameReruns::new);
        assertEquals("Retrying", ctx.validatedState().name());
    }

    @Test
    void otherRerunsAreNamedRerunning() {
        TaskOrchestrationContext ctx = apply(task(taskRun(null, state(StateType.PENDING)).withRunCount(1), null,
                state(StateType.RUNNING)), RenameReruns::new);
        assertEquals("Rerunning", ctx.validatedState().name());
    }

    @Test
    void firstRunKeepsItsName() {
        TaskOrchestrationContext ctx = apply(task(taskRun(null, state(StateType.PENDING)), null, state(StateType.RUNNING)),
                RenameReruns::new);
        assertEquals("Running", ctx.validatedState().name());
    }
}
