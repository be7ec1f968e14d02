package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PreserveDeploymentConcurrencyLeaseIdTest {
    @Test
    void proposalWithoutLeaseInheritsTheCurrentLease() {
        UUID lease = UUID.randomUUID();
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.PENDING, d -> d.deploymentConcurrencyLeaseId(lease))),
                state(StateType.PENDING, "Submitting")), PreserveDeploymentConcurrencyLeaseId::new);
        assertEquals(lease, ctx.validatedState().state_details().deployment_concurrency_lease_id());
    }

    @Test
    void proposalWithItsOwnLeaseKeepsIt() {
        UUID mine = UUID.randomUUID();
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.PENDING, d -> d.deploymentConcurrencyLeaseId(UUID.randomUUID()))),
                state(StateType.RUNNING, d -> d.deploymentConcurrencyLeaseId(mine))), PreserveDeploymentConcurrencyLeaseId::new);
        assertEquals(mine, ctx.validatedState().state_details().deployment_concurrency_lease_id());
    }
}
