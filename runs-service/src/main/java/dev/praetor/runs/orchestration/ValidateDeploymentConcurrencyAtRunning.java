package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.UUID;

/**
 * Flow rule 7: a run about to start must still hold its deployment concurrency slot. The lease moves onto the
 * RUNNING state and is renewed; if it expired while the infrastructure was provisioning, the run takes a slot again
 * or is cancelled when none is left (so a reclaimed slot can never be used twice).
 */
public class ValidateDeploymentConcurrencyAtRunning extends OrchestrationRule<FlowOrchestrationContext> {
    private final DeploymentConcurrency deployments;
    private final OrchestrationSettings settings;

    public ValidateDeploymentConcurrencyAtRunning(DeploymentConcurrency deployments, OrchestrationSettings settings) {
        super(StateTypeSet.of(StateType.PENDING), StateTypeSet.of(StateType.RUNNING));
        this.deployments = deployments;
        this.settings = settings;
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        if (initial == null || proposed == null) {
            return done();
        }
        UUID lease = initial.state_details().deployment_concurrency_lease_id();
        ctx.setProposedState(proposed.withDetails(d -> d.deploymentConcurrencyLeaseId(lease)));
        Version client = ctx.parameters().clientVersion() == null ? ClientVersions.UNKNOWN : ctx.parameters().clientVersion();
        UUID deploymentId = ctx.run().deploymentId();
        if (lease == null || !client.atLeast(ClientVersions.MIN_FOR_CONCURRENCY_LEASING) || deploymentId == null) {
            return done();
        }
        return deployments.limitOf(ctx.connection(), ctx.workspaceId(), deploymentId).chain(found -> {
            if (found.isEmpty() || !found.get().configured()) {
                return done();
            }
            DeploymentConcurrency.Limit limit = found.get();
            Duration ttl = limit.gracePeriodSeconds() == null ? settings.initialDeploymentLease()
                    : Duration.ofSeconds(limit.gracePeriodSeconds());
            return deployments.renewLease(ctx.connection(), ctx.workspaceId(), lease, ttl).chain(renewed -> {
                if (renewed) {
                    return done();
                }
                return deployments.acquireSlot(ctx.connection(), ctx.workspaceId(), limit.concurrencyLimitId()).chain(acquired -> {
                    if (!acquired) {
                        reject(State.of(StateType.CANCELLED, null, "Deployment concurrency slot lost during provisioning - "
                                + "no slots available to continue execution", ctx.now()),
                                "Deployment concurrency limit reached after lease expiry.");
                        return done();
                    }
                    return deployments.createLease(ctx.connection(), ctx.workspaceId(), limit.concurrencyLimitId(), ttl, ctx.run().id())
                            .invoke(newLease -> ctx.setProposedState(ctx.proposedState()
                                    .withDetails(d -> d.deploymentConcurrencyLeaseId(newLease))))
                            .onFailure().call(() -> deployments.releaseSlot(ctx.connection(), ctx.workspaceId(), limit.concurrencyLimitId()))
                            .replaceWithVoid();
                });
            });
        });
    }
}
