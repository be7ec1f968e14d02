package dev.praetor.runs.orchestration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The seam to deployment concurrency limits and their leases (flow rules 7, 8, 9, 17 and the mark-late rule;
 * other-resources.md §3). Deployments and global concurrency limits arrive in a later issue; until then
 * {@link UnlimitedDeploymentConcurrency} answers "no limit configured". The rules hold Prefect's decisions; an
 * implementation only supplies facts and slot/lease operations, inside the orchestration's transaction.
 */
public interface DeploymentConcurrency {

    /** How a deployment's runs collide with a full limit. */
    enum CollisionStrategy {
        ENQUEUE, CANCEL_NEW
    }

    /**
     * A deployment's concurrency settings. {@code concurrencyLimitId} null means the deployment has no limit;
     * {@code gracePeriodSeconds} null means the server default lease duration applies.
     */
    record Limit(UUID concurrencyLimitId, int limit, int activeSlots, CollisionStrategy collisionStrategy,
            Integer gracePeriodSeconds) {
        public static final Limit NONE = new Limit(null, 0, 0, CollisionStrategy.ENQUEUE, null);

        public boolean configured() {
            return concurrencyLimitId != null;
        }
    }

    /** The deployment's limit; empty when the deployment does not exist. */
    Uni<Optional<Limit>> limitOf(SqlConnection tx, UUID workspaceId, UUID deploymentId);

    /** Takes one slot of the limit; false when none is free. */
    Uni<Boolean> acquireSlot(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId);

    /** Gives one slot of the limit back. */
    Uni<Void> releaseSlot(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId);

    /** Creates a lease on one (already taken) slot of the limit; returns the lease id. */
    Uni<UUID> createLease(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId, Duration ttl, UUID holderFlowRunId);

    /** Extends a lease; false when it no longer exists. */
    Uni<Boolean> renewLease(SqlConnection tx, UUID workspaceId, UUID leaseId, Duration ttl);

    /**
     * Releases the slot a lease holds and revokes the lease; if the lease is gone, releases one slot of
     * {@code fallbackConcurrencyLimitId} instead (when given).
     */
    Uni<Void> releaseLease(SqlConnection tx, UUID workspaceId, UUID leaseId, UUID fallbackConcurrencyLimitId);

    /** Revokes a lease without releasing its slot (the slot is released later by the terminal transition). */
    Uni<Void> revokeLease(SqlConnection tx, UUID workspaceId, UUID leaseId);
}
