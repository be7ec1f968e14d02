package dev.praetor.deployments.workers;

import dev.praetor.deployments.workpools.WorkPoolRepository;
import dev.praetor.deployments.workpools.WorkPoolResponse;
import dev.praetor.deployments.workpools.WorkPoolService;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.paging.Paging;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/** The rules of {@code /work_pools/{pool}/workers} (work-pools.md §5). */
@ApplicationScoped
public class WorkerService {
    @Inject
    WorkerRepository workers;

    @Inject
    WorkPoolRepository pools;

    /** Upserts the worker as ONLINE; a NOT_READY pool becomes READY (a paused one stays paused). */
    public Uni<Void> heartbeat(UUID workspaceId, String poolName, WorkerHeartbeat heartbeat) {
        return workers.pool().withTransaction(tx -> requirePool(tx, workspaceId, poolName)
                .call(pool -> workers.heartbeat(tx, workspaceId, pool.id(), heartbeat.name(), heartbeat.intervalSeconds()))
                .call(pool -> pools.markReadyIfNotReady(tx, workspaceId, pool.id()))
                .replaceWithVoid());
    }

    public Uni<List<WorkerResponse>> filter(UUID workspaceId, String poolName, WorkerReadRequest request) {
        int limit = Paging.limit(request.limit());
        int offset = Paging.offset(request.offset());
        return requirePool(pools.pool(), workspaceId, poolName)
                .flatMap(pool -> workers.filter(workspaceId, pool.id(), request.workers(), limit, offset));
    }

    public Uni<Void> delete(UUID workspaceId, String poolName, String name) {
        return requirePool(pools.pool(), workspaceId, poolName).flatMap(pool -> workers.delete(workspaceId, pool.id(), name))
                .map(deleted -> {
                    if (!deleted) {
                        throw PrefectHttpException.notFound("Worker not found.");
                    }
                    return null;
                });
    }

    private Uni<WorkPoolResponse> requirePool(SqlClient client, UUID workspaceId, String poolName) {
        return pools.findByName(client, workspaceId, poolName).map(pool -> {
            if (pool == null) {
                throw PrefectHttpException.notFound(WorkPoolService.notFound(poolName));
            }
            return pool;
        });
    }
}
