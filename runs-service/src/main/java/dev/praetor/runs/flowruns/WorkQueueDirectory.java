package dev.praetor.runs.flowruns;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Who resolves a work pool's queue for runs-service, which does not own pools and queues (deployments-service does).
 * Used when a client creates a run with {@code work_pool_name} (flow-runs.md §3.1 step 3).
 */
public interface WorkQueueDirectory {

    /** A resolved queue and its pool. */
    record ResolvedQueue(UUID queueId, String queueName, UUID poolId, String poolName) {
    }

    /**
     * The queue named {@code queueName} in pool {@code poolName}, or the pool's default queue when {@code queueName}
     * is null; fails with Prefect's 404 when either is missing and with a 503 when the owner cannot be asked.
     */
    Uni<ResolvedQueue> resolve(UUID workspaceId, String poolName, String queueName);
}
