package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.orchestration.DeploymentConcurrency.CollisionStrategy;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReleaseFlowConcurrencySlotsTest {
    @Test
    void finishingRunReleasesItsLease() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        UUID lease = UUID.randomUUID();
        deployments.leases.add(lease);
        deployments.activeSlots = 1;
        FlowRunEntity run = flowRun(state(StateType.RUNNING, d -> d.deploymentConcurrencyLeaseId(lease))).withDeployment(UUID.randomUUID());
        apply(flow(run, state(StateType.COMPLETED)), () -> new ReleaseFlowConcurrencySlots(deployments));
        assertEquals(0, deployments.activeSlots);
        assertTrue(deployments.leases.isEmpty());
    }

    @Test
    void runWithoutLeaseGivesOneSlotBack() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        deployments.activeSlots = 1;
        apply(flow(flowRun(state(StateType.PENDING)).withDeployment(UUID.randomUUID()), state(StateType.SCHEDULED)),
                () -> new ReleaseFlowConcurrencySlots(deployments));
        assertEquals(List.of("release"), deployments.calls);
    }

    @Test
    void pendingToRunningKeepsTheSlot() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        apply(flow(flowRun(state(StateType.PENDING)).withDeployment(UUID.randomUUID()), state(StateType.RUNNING)),
                () -> new ReleaseFlowConcurrencySlots(deployments));
        assertEquals(List.of(), deployments.calls);
    }
}
