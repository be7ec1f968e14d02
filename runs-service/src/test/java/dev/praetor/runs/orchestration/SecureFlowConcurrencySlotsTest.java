package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.orchestration.DeploymentConcurrency.CollisionStrategy;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateResponseDetails;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecureFlowConcurrencySlotsTest {
    private static FlowRunEntity deploymentRun(State current) {
        return flowRun(current).withDeployment(UUID.randomUUID());
    }

    @Test
    void freeSlotIsTakenUnderALeaseCarriedByThePendingState() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        FlowOrchestrationContext ctx = apply(flow(deploymentRun(state(StateType.SCHEDULED)), state(StateType.PENDING)),
                () -> new SecureFlowConcurrencySlots(deployments, OrchestrationSettings.DEFAULTS));
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
        assertEquals(1, deployments.activeSlots);
        assertTrue(deployments.leases.contains(ctx.validatedState().state_details().deployment_concurrency_lease_id()));
    }

    @Test
    void fullLimitSendsTheRunToAwaitingConcurrencySlot() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        deployments.activeSlots = 1;
        FlowOrchestrationContext ctx = apply(flow(deploymentRun(state(StateType.SCHEDULED)), state(StateType.PENDING)),
                () -> new SecureFlowConcurrencySlots(deployments, OrchestrationSettings.DEFAULTS));
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertEquals("AwaitingConcurrencySlot", ctx.validatedState().name());
        assertTrue(ctx.validatedState().state_details().scheduled_time().isAfter(now().plusSeconds(25)));
    }

    @Test
    void fullLimitWithCancelNewCancelsTheRun() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.CANCEL_NEW);
        deployments.activeSlots = 1;
        FlowOrchestrationContext ctx = apply(flow(deploymentRun(state(StateType.SCHEDULED)), state(StateType.PENDING)),
                () -> new SecureFlowConcurrencySlots(deployments, OrchestrationSettings.DEFAULTS));
        assertEquals(StateType.CANCELLED, ctx.validatedState().type());
        assertEquals("Deployment concurrency limit reached.", ctx.validatedState().message());
    }

    @Test
    void zeroLimitIsAbortedRatherThanDeadlocked() {
        FakeDeployments deployments = FakeDeployments.withLimit(0, CollisionStrategy.ENQUEUE);
        FlowOrchestrationContext ctx = apply(flow(deploymentRun(state(StateType.SCHEDULED)), state(StateType.PENDING)),
                () -> new SecureFlowConcurrencySlots(deployments, OrchestrationSettings.DEFAULTS));
        assertEquals(SetStateStatus.ABORT, ctx.status());
    }

    @Test
    void missingDeploymentIsAborted() {
        FlowOrchestrationContext ctx = apply(flow(deploymentRun(state(StateType.SCHEDULED)), state(StateType.PENDING)),
                () -> new SecureFlowConcurrencySlots(FakeDeployments.missing(), OrchestrationSettings.DEFAULTS));
        assertEquals(new StateResponseDetails.Abort("Deployment not found."), ctx.details());
    }

    @Test
    void runWithoutDeploymentIsUntouched() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        apply(flow(flowRun(state(StateType.SCHEDULED)), state(StateType.PENDING)),
                () -> new SecureFlowConcurrencySlots(deployments, OrchestrationSettings.DEFAULTS));
        assertEquals(List.of(), deployments.calls);
    }

    @Test
    void slotIsGivenBackWhenALaterRuleStopsTheTransition() {
        FakeDeployments deployments = FakeDeployments.withLimit(1, CollisionStrategy.ENQUEUE);
        apply(flow(deploymentRun(state(StateType.SCHEDULED)), state(StateType.PENDING)),
                () -> new SecureFlowConcurrencySlots(deployments, OrchestrationSettings.DEFAULTS), OrchestratorTest.AbortEverything::new);
        assertEquals(0, deployments.activeSlots);
        assertTrue(deployments.leases.isEmpty());
    }
}
