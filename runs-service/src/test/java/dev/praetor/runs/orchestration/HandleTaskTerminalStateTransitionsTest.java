package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateResponseDetails;
import dev.praetor.runs.taskruns.TaskRunEntity;
import io.smallrye.mutiny.Uni;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HandleTaskTerminalStateTransitionsTest {
    @Test
    void pausingAFinishedTaskIsAborted() {
        TaskOrchestrationContext ctx = apply(task(taskRun(null, state(StateType.FAILED)), null, state(StateType.PAUSED)),
                HandleTaskTerminalStateTransitions::new);
        assertEquals(new StateResponseDetails.Abort("Run is already FAILED."), ctx.details());
    }

    @Test
    void completedTaskWithPersistedResultIsNotRerun() {
        State done = state(StateType.COMPLETED).withData(JsonNodeFactory.instance.objectNode().put("storage_key", "k"));
        TaskOrchestrationContext ctx = apply(task(taskRun(null, done), null, state(StateType.RUNNING)),
                HandleTaskTerminalStateTransitions::new);
        assertEquals(new StateResponseDetails.Reject("This run is already completed."), ctx.details());
    }

    @Test
    void rerunOfAFailedTaskStartsCountingAgain() {
        TaskRunEntity run = taskRun(null, state(StateType.FAILED)).withRunCount(3);
        apply(task(run, null, state(StateType.SCHEDULED)), HandleTaskTerminalStateTransitions::new);
        assertEquals(0, run.runCount());
    }

    @Test
    void taskStartingAgainDuringAFlowRetryIsRenamedRetrying() {
        UUID flowRunId = UUID.randomUUID();
        TaskRunEntity run = taskRun(flowRunId, state(StateType.FAILED)).withRunCount(1).withFlowRunRunCount(1);
        TaskOrchestrationContext ctx = apply(task(run, new EnclosingFlowRun(flowRunId, 2, state(StateType.RUNNING)),
                state(StateType.RUNNING)), HandleTaskTerminalStateTransitions::new);
        assertEquals("Retrying", ctx.validatedState().name());
    }

    @Test
    void runCountIsRestoredWhenALaterRuleStopsTheTransition() {
        TaskRunEntity run = taskRun(null, state(StateType.FAILED)).withRunCount(3);
        apply(task(run, null, state(StateType.SCHEDULED)), HandleTaskTerminalStateTransitions::new, () -> new OrchestrationRule<TaskOrchestrationContext>(
                StateTypeSet.ALL, StateTypeSet.ALL) {
            @Override
            protected Uni<Void> beforeTransition(State initial, State proposed, TaskOrchestrationContext c) {
                abort("stop");
                return done();
            }
        });
        assertEquals(3, run.runCount());
    }
}
