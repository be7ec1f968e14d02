package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Mark-late rule: a deployment with the CANCEL_NEW strategy cancels new runs when its limit is full. Runs that go
 * late never reach PENDING (where {@link SecureFlowConcurrencySlots} would cancel them), so they are cancelled here
 * instead of piling up as {@code Late}.
 */
public class EnforceDeploymentConcurrencyOnLate extends OrchestrationRule<FlowOrchestrationContext> {
    private final DeploymentConcurrency deployments;

    public EnforceDeploymentConcurrencyOnLate(DeploymentConcurrency deployments) {
        super(StateTypeSet.of(StateType.SCHEDULED), StateTypeSet.of(StateType.SCHEDULED));
        this.deployments = deployments;
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        if (initial == null || proposed == null || !"Late".equals(proposed.name()) || ctx.run().deploymentId() == null) {
            return done();
        }
        return deployments.limitOf(ctx.connection(), ctx.workspaceId(), ctx.run().deploymentId()).invoke(found -> {
            if (found.isEmpty() || !found.get().configured()) {
                return;
            }
            DeploymentConcurrency.Limit limit = found.get();
            if (limit.collisionStrategy() == DeploymentConcurrency.CollisionStrategy.CANCEL_NEW
                    && limit.activeSlots() >= limit.limit()) {
                reject(State.of(StateType.CANCELLED, null, "Deployment concurrency limit reached.", ctx.now()),
                        "Deployment concurrency limit is full and uses the CANCEL_NEW strategy.");
            }
        }).replaceWithVoid();
    }
}
