package dev.praetor.runs.concurrency;

import dev.praetor.rest.json.Uuids;
import dev.praetor.runs.orchestration.DeploymentConcurrency;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deployment concurrency over the v2 limit named {@code deployment:<deployment id>} (Prefect's naming) and leases
 * held by the flow run; the repossessor returns slots of leases that expire. runs-service does not own deployments:
 * a deployment counts as having a limit when that v2 limit exists and is active (deployments-service creates,
 * updates and deletes it through {@code /v2/concurrency_limits}). The collision strategy and grace period live on the
 * deployment, which runs-service cannot read yet: ENQUEUE and the server's default lease apply.
 */
@ApplicationScoped
public class LeasedDeploymentConcurrency implements DeploymentConcurrency {
    public static final String DEPLOYMENT_PREFIX = "deployment:";

    @Inject
    ConcurrencyLimitRepository repository;

    @Inject
    ConcurrencyLimitService service;

    @Override
    public Uni<Optional<Limit>> limitOf(SqlConnection tx, UUID workspaceId, UUID deploymentId) {
        return repository.find(tx, workspaceId, null, DEPLOYMENT_PREFIX + deploymentId).map(found -> Optional.of(found
                .filter(ConcurrencyLimitV2::active)
                .map(limit -> new Limit(limit.id(), limit.limit(), limit.active_slots(), CollisionStrategy.ENQUEUE, null))
                .orElse(Limit.NONE)));
    }

    @Override
    public Uni<Boolean> acquireSlot(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId) {
        return repository.lockByIds(tx, workspaceId, List.of(concurrencyLimitId)).chain(limits -> {
            if (limits.isEmpty() || !limits.get(0).active() || !ConcurrencyLimitService.hasRoom(limits.get(0), 1)) {
                return Uni.createFrom().item(false);
            }
            return repository.incrementSlots(tx, workspaceId, List.of(concurrencyLimitId), 1).replaceWith(true);
        });
    }

    @Override
    public Uni<Void> releaseSlot(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId) {
        return repository.lockByIds(tx, workspaceId, List.of(concurrencyLimitId))
                .chain(() -> repository.decrementSlots(tx, workspaceId, List.of(concurrencyLimitId), 1, null));
    }

    @Override
    public Uni<UUID> createLease(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId, Duration ttl, UUID holderFlowRunId) {
        UUID leaseId = Uuids.timeOrdered();
        return repository.insertLease(tx, workspaceId, leaseId, List.of(concurrencyLimitId), 1, ttl.toMillis() / 1000.0,
                holderFlowRunId == null ? null : "flow_run", holderFlowRunId).replaceWith(leaseId);
    }

    @Override
    public Uni<Boolean> renewLease(SqlConnection tx, UUID workspaceId, UUID leaseId, Duration ttl) {
        return repository.renewLease(tx, workspaceId, leaseId, ttl.toMillis() / 1000.0);
    }

    @Override
    public Uni<Void> releaseLease(SqlConnection tx, UUID workspaceId, UUID leaseId, UUID fallbackConcurrencyLimitId) {
        Uni<Optional<ConcurrencyLimitRepository.Lease>> lease = leaseId == null
                ? Uni.createFrom().item(Optional.empty()) : repository.lockLease(tx, workspaceId, leaseId);
        return lease.chain(found -> {
            if (found.isPresent()) {
                return service.release(tx, found.get(), true);
            }
            return fallbackConcurrencyLimitId == null ? Uni.createFrom().voidItem()
                    : releaseSlot(tx, workspaceId, fallbackConcurrencyLimitId);
        });
    }

    @Override
    public Uni<Void> revokeLease(SqlConnection tx, UUID workspaceId, UUID leaseId) {
        return leaseId == null ? Uni.createFrom().voidItem() : repository.deleteLease(tx, workspaceId, leaseId);
    }
}
