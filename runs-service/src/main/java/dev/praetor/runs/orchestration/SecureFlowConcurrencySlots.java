package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.UUID;

/**
 * Flow rule 8: a deployment's concurrency limit is enforced when a run enters PENDING (before a worker provisions
 * infrastructure). A free slot is taken under a lease whose id travels on the state; a full limit either sends the
 * run back to {@code AwaitingConcurrencySlot} (ENQUEUE) or cancels it (CANCEL_NEW). A limit of 0 would never admit
 * the run, so the transition is aborted. Cleanup gives the slot back if a later rule changes the transition.
 */
public class SecureFlowConcurrencySlots extends OrchestrationRule<FlowOrchestrationContext> {
    private final DeploymentConcurrency deployments;
    private final OrchestrationSettings settings;
    private UUID acquiredLimitId;
    private UUID acquiredLeaseId;

    public SecureFlowConcurrencySlots(DeploymentConcurrency deployments, OrchestrationSettings settings) {
        super(StateTypeSet.allExcept(StateType.PENDING, StateType.RUNNING, StateType.CANCELLING),
                StateTypeSet.of(StateType.PENDING));
        this.deployments = deployments;
        this.settings = settings;
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        UUID deploymentId = ctx.run().deploymentId();
        Version client = ctx.parameters().clientVersion();
        if (deploymentId == null || proposed == null
                || client != null && ClientVersions.MANAGE_DEPLOYMENT_CONCURRENCY.contains(client)) {
            return done();
        }
        return deployments.limitOf(ctx.connection(), ctx.workspaceId(), deploymentId).chain(found -> {
            if (found.isEmpty()) {
                abort("Deployment not found.");
                return done();
            }
            DeploymentConcurrency.Limit limit = found.get();
            if (!limit.configured()) {
                return done();
            }
            if (limit.limit() == 0) {
                abort("The deployment concurrency limit is 0. The flow will deadlock if submitted again.");
                return done();
            }
            return deployments.acquireSlot(ctx.connection(), ctx.workspaceId(), limit.concurrencyLimitId()).chain(acquired -> {
                if (!acquired) {
                    rejectForFullLimit(limit, ctx);
                    return done();
                }
                acquiredLimitId = limit.concurrencyLimitId();
                Duration ttl = limit.gracePeriodSeconds() == null ? settings.initialDeploymentLease()
                        : Duration.ofSeconds(limit.gracePeriodSeconds());
                return deployments.createLease(ctx.connection(), ctx.workspaceId(), acquiredLimitId, ttl, null).invoke(lease -> {
                    acquiredLeaseId = lease;
                    ctx.setProposedState(ctx.proposedState().withDetails(d -> d.deploymentConcurrencyLeaseId(lease)));
                }).replaceWithVoid();
            });
        });
    }

    private void rejectForFullLimit(DeploymentConcurrency.Limit limit, FlowOrchestrationContext ctx) {
        if (limit.collisionStrategy() == DeploymentConcurrency.CollisionStrategy.CANCEL_NEW) {
            reject(State.of(StateType.CANCELLED, null, "Deployment concurrency limit reached.", ctx.now()),
                    "Deployment concurrency limit reached.");
        } else {
            reject(State.scheduled("AwaitingConcurrencySlot", ctx.now().plus(settings.deploymentSlotWait()), null, null,
                    ctx.now()), "Deployment concurrency limit reached.");
        }
    }

    @Override
    protected Uni<Void> cleanup(State initial, State validated, FlowOrchestrationContext ctx) {
        if (acquiredLimitId == null) {
            return done();
        }
        if (acquiredLeaseId != null) {
            return deployments.releaseLease(ctx.connection(), ctx.workspaceId(), acquiredLeaseId, acquiredLimitId);
        }
        return deployments.releaseSlot(ctx.connection(), ctx.workspaceId(), acquiredLimitId);
    }
}
