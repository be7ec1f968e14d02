package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.orchestration.DeploymentConcurrency.CollisionStrategy;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RemoveDeploymentConcurrencyLeaseForOldClientVersionsTest {
    @Test
    void leaseOfAnUnknownClientIsRevokedOnceRunning() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        UUID lease = UUID.randomUUID();
        deployments.leases.add(lease);
        apply(flow(flowRun(state(StateType.PENDING, d -> d.deploymentConcurrencyLeaseId(lease))), state(StateType.RUNNING)),
                () -> new RemoveDeploymentConcurrencyLeaseForOldClientVersions(deployments));
        assertFalse(deployments.leases.contains(lease));
    }

    @Test
    void leaseOfACurrentClientIsKept() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        UUID lease = UUID.randomUUID();
        deployments.leases.add(lease);
        apply(flow(flowRun(state(StateType.PENDING, d -> d.deploymentConcurrencyLeaseId(lease))), state(StateType.RUNNING),
                OrchestrationParameters.fromHeaders("0.8.4", "prefect/3.9.1 (API 0.8.4)")),
                () -> new RemoveDeploymentConcurrencyLeaseForOldClientVersions(deployments));
        assertTrue(deployments.leases.contains(lease));
    }
}
