package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Flow rule 9: clients older than 3.4.11 (or unknown ones) do not renew deployment concurrency leases, so once their
 * run has started the lease is revoked rather than left to expire (its slot is released later, by
 * {@link ReleaseFlowConcurrencySlots}).
 */
public class RemoveDeploymentConcurrencyLeaseForOldClientVersions extends OrchestrationRule<FlowOrchestrationContext> {
    private final DeploymentConcurrency deployments;

    public RemoveDeploymentConcurrencyLeaseForOldClientVersions(DeploymentConcurrency deployments) {
        super(StateTypeSet.of(StateType.PENDING), StateTypeSet.of(StateType.RUNNING, StateType.CANCELLING));
        this.deployments = deployments;
    }

    @Override
    protected Uni<Void> afterTransition(State initial, State validated, FlowOrchestrationContext ctx) {
        Version client = ctx.parameters().clientVersion();
        if (initial == null || client != null && client.atLeast(ClientVersions.MIN_FOR_CONCURRENCY_LEASING)) {
            return done();
        }
        UUID lease = initial.state_details().deployment_concurrency_lease_id();
        return lease == null ? done() : deployments.revokeLease(ctx.connection(), ctx.workspaceId(), lease);
    }
}
