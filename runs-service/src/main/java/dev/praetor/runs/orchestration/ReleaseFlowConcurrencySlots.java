package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import io.smallrye.mutiny.Uni;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Flow rule 17: a deployment run that leaves PENDING/RUNNING/CANCELLING for any other type (including a rule's
 * replacement) gives its deployment concurrency slot back — through its lease when the previous state had one,
 * otherwise by decrementing the limit.
 */
public class ReleaseFlowConcurrencySlots extends UniversalTransform<FlowOrchestrationContext> {
    private static final Set<StateType> HOLDING_A_SLOT = EnumSet.of(StateType.PENDING, StateType.RUNNING,
            StateType.CANCELLING);
    private final DeploymentConcurrency deployments;

    public ReleaseFlowConcurrencySlots(DeploymentConcurrency deployments) {
        this.deployments = deployments;
    }

    @Override
    protected Uni<Void> afterTransition(FlowOrchestrationContext ctx) {
        StateType from = ctx.initialStateType();
        StateType to = ctx.proposedStateType();
        UUID deploymentId = ctx.run().deploymentId();
        if (from == null || !HOLDING_A_SLOT.contains(from) || HOLDING_A_SLOT.contains(to) || deploymentId == null) {
            return done();
        }
        UUID lease = ctx.initialState().state_details().deployment_concurrency_lease_id();
        return deployments.limitOf(ctx.connection(), ctx.workspaceId(), deploymentId).chain(found -> {
            UUID limitId = found.filter(DeploymentConcurrency.Limit::configured)
                    .map(DeploymentConcurrency.Limit::concurrencyLimitId).orElse(null);
            if (lease != null) {
                return deployments.releaseLease(ctx.connection(), ctx.workspaceId(), lease, limitId);
            }
            return limitId == null ? done() : deployments.releaseSlot(ctx.connection(), ctx.workspaceId(), limitId);
        });
    }
}
