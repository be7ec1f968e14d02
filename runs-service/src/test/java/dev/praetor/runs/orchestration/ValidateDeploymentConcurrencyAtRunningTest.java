package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.orchestration.DeploymentConcurrency.CollisionStrategy;
import dev.praetor.runs.states.SetStateStatus;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ValidateDeploymentConcurrencyAtRunningTest {
    private static final OrchestrationParameters NEW_CLIENT = OrchestrationParameters.fromHeaders(null, "prefect/3.9.1 (API 0.8.4)");

    @Test
    void liveLeaseIsRenewedAndMovesOntoTheRunningState() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        UUID lease = UUID.randomUUID();
        deployments.leases.add(lease);
        FlowRunEntity run = flowRun(state(StateType.PENDING, d -> d.deploymentConcurrencyLeaseId(lease))).withDeployment(UUID.randomUUID());
        FlowOrchestrationContext ctx = apply(flow(run, state(StateType.RUNNING), NEW_CLIENT),
                () -> new ValidateDeploymentConcurrencyAtRunning(deployments, OrchestrationSettings.DEFAULTS));
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
        assertEquals(lease, ctx.validatedState().state_details().deployment_concurrency_lease_id());
        assertEquals(List.of("renew"), deployments.calls);
    }

    @Test
    void expiredLeaseWithoutAFreeSlotCancelsTheRun() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        deployments.activeSlots = 1;
        FlowRunEntity run = flowRun(state(StateType.PENDING, d -> d.deploymentConcurrencyLeaseId(UUID.randomUUID())))
                .withDeployment(UUID.randomUUID());
        FlowOrchestrationContext ctx = apply(flow(run, state(StateType.RUNNING), NEW_CLIENT),
                () -> new ValidateDeploymentConcurrencyAtRunning(deployments, OrchestrationSettings.DEFAULTS));
        assertEquals(StateType.CANCELLED, ctx.validatedState().type());
    }

    @Test
    void expiredLeaseWithAFreeSlotTakesANewLease() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        UUID expired = UUID.randomUUID();
        FlowRunEntity run = flowRun(state(StateType.PENDING, d -> d.deploymentConcurrencyLeaseId(expired)))
                .withDeployment(UUID.randomUUID());
        FlowOrchestrationContext ctx = apply(flow(run, state(StateType.RUNNING), NEW_CLIENT),
                () -> new ValidateDeploymentConcurrencyAtRunning(deployments, OrchestrationSettings.DEFAULTS));
        UUID lease = ctx.validatedState().state_details().deployment_concurrency_lease_id();
        assertNotEquals(expired, lease);
        assertTrue(deployments.leases.contains(lease));
    }

    @Test
    void oldClientsAreNotAskedToRenew() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        FlowRunEntity run = flowRun(state(StateType.PENDING, d -> d.deploymentConcurrencyLeaseId(UUID.randomUUID())))
                .withDeployment(UUID.randomUUID());
        apply(flow(run, state(StateType.RUNNING)), () -> new ValidateDeploymentConcurrencyAtRunning(deployments,
                OrchestrationSettings.DEFAULTS));
        assertEquals(List.of(), deployments.calls);
    }
}
