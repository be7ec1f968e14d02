package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.orchestration.DeploymentConcurrency.CollisionStrategy;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnforceDeploymentConcurrencyOnLateTest {
    @Test
    void lateRunOfAFullCancelNewDeploymentIsCancelled() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.CANCEL_NEW);
        deployments.activeSlots = 1;
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.SCHEDULED)).withDeployment(UUID.randomUUID()),
                state(StateType.SCHEDULED, "Late")), () -> new EnforceDeploymentConcurrencyOnLate(deployments));
        assertEquals(StateType.CANCELLED, ctx.validatedState().type());
    }

    @Test
    void lateRunOfAnEnqueueingDeploymentIsMarkedLate() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        deployments.activeSlots = 1;
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.SCHEDULED)).withDeployment(UUID.randomUUID()),
                state(StateType.SCHEDULED, "Late")), () -> new EnforceDeploymentConcurrencyOnLate(deployments));
        assertEquals("Late", ctx.validatedState().name());
    }
}
