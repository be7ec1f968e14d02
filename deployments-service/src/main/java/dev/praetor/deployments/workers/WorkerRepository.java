package dev.praetor.deployments.workers;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.filters.WorkerFilter;
import dev.praetor.rest.json.Uuids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The only place with SQL for the {@code worker} table. */
@ApplicationScoped
public class WorkerRepository {
    private static final String COLUMNS = "w.id, w.created, w.updated, w.name, w.work_pool_id, w.last_heartbeat_time, "
            + "w.heartbeat_interval_seconds, w.status";

    @Inject
    Pool pool;

    public Pool pool() {
        return pool;
    }

    /** Records a heartbeat: the worker is ONLINE now; its interval changes only when one is given. */
    public Uni<Void> heartbeat(SqlClient client, UUID workspaceId, UUID poolId, String name, Integer intervalSeconds) {
        return client.preparedQuery("INSERT INTO worker AS w (id, workspace_id, work_pool_id, name, last_heartbeat_time, "
                + "heartbeat_interval_seconds, status, created, updated) VALUES ($1, $2, $3, $4, now(), $5, 'ONLINE', now(), "
                + "now()) ON CONFLICT (workspace_id, work_pool_id, name) DO UPDATE SET last_heartbeat_time = now(), "
                + "heartbeat_interval_seconds = COALESCE(EXCLUDED.heartbeat_interval_seconds, w.heartbeat_interval_seconds), "
                + "status = 'ONLINE', updated = now()")
                .execute(Tuple.of(Uuids.timeOrdered(), workspaceId, poolId, name, intervalSeconds)).replaceWithVoid();
    }

    /** Workers of the pool matching the filter, most recent heartbeat first. */
    public Uni<List<WorkerResponse>> filter(UUID workspaceId, UUID poolId, WorkerFilter filter, int limit, int offset) {
        SqlParams params = new SqlParams();
        Conditions conditions = Conditions.all(params, Relations.NONE);
        conditions.add("w.workspace_id = " + params.bind(workspaceId)).add("w.work_pool_id = " + params.bind(poolId));
        conditions.nested(filter, "w");
        String sql = "SELECT " + COLUMNS + " FROM worker w WHERE " + conditions.toSql()
                + " ORDER BY w.last_heartbeat_time DESC LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            List<WorkerResponse> workers = new ArrayList<>(rows.size());
            rows.forEach(row -> workers.add(toWorker(row)));
            return workers;
        });
    }

    /** Whether a worker of that name existed (and is now deleted). */
    public Uni<Boolean> delete(UUID workspaceId, UUID poolId, String name) {
        return pool.preparedQuery("DELETE FROM worker WHERE workspace_id = $1 AND work_pool_id = $2 AND name = $3")
                .execute(Tuple.of(workspaceId, poolId, name)).map(rows -> rows.rowCount() > 0);
    }

    /**
     * Foreman, cluster-wide: ONLINE workers silent for longer than their interval (or 30 s) times 3 go OFFLINE.
     */
    public Uni<Integer> markSilentOffline(SqlClient client, int fallbackIntervalSeconds, int multiple) {
        return client.preparedQuery("UPDATE worker SET status = 'OFFLINE' WHERE status = 'ONLINE' AND "
                + "last_heartbeat_time < now() - make_interval(secs => COALESCE(heartbeat_interval_seconds, $1) * $2)")
                .execute(Tuple.of(fallbackIntervalSeconds, multiple)).map(rows -> rows.rowCount());
    }

    private static WorkerResponse toWorker(Row row) {
        return new WorkerResponse(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getString("name"), row.getUUID("work_pool_id"), row.getOffsetDateTime("last_heartbeat_time"),
                row.getInteger("heartbeat_interval_seconds"), row.getString("status"));
    }
}
