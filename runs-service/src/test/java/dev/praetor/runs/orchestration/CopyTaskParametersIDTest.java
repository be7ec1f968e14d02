package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyTaskParametersIDTest {
    @Test
    void pendingBackgroundTaskKeepsItsParameters() {
        UUID parameters = UUID.randomUUID();
        TaskOrchestrationContext ctx = apply(task(taskRun(null, state(StateType.SCHEDULED, d -> d.taskParametersId(parameters))), null,
                state(StateType.PENDING)), CopyTaskParametersID::new);
        assertEquals(parameters, ctx.validatedState().state_details().task_parameters_id());
    }
}
