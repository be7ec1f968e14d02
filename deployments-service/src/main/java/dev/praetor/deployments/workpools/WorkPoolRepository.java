package dev.praetor.deployments.workpools;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.praetor.deployments.db.ColumnUpdates;
import dev.praetor.deployments.db.JsonColumns;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.filters.WorkPoolFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The only place with SQL for the {@code work_pool} table. Every statement is scoped by workspace. */
@ApplicationScoped
public class WorkPoolRepository {
    private static final String COLUMNS = "p.id, p.created, p.updated, p.name, p.description, p.type, "
            + "p.base_job_template::text AS base_job_template, p.is_paused, p.concurrency_limit, p.status, "
            + "p.default_queue_id, p.storage_configuration::text AS storage_configuration";
    /** A pool's default queue (work-pools.md §2.1). */
    static final String DEFAULT_QUEUE_DESCRIPTION = "The work pool's default queue.";

    @Inject
    Pool pool;

    public Pool pool() {
        return pool;
    }

    /**
     * Inserts the pool with its default queue (priority 1); null when the name is taken. The pool's reference to the
     * queue is a deferred constraint, so both rows go in one statement.
     */
    public Uni<WorkPoolResponse> insert(SqlClient client, UUID workspaceId, UUID id, UUID defaultQueueId,
            WorkPoolCreate create, String status) {
        String sql = "WITH p AS (INSERT INTO work_pool (id, workspace_id, name, description, type, base_job_template, "
                + "is_paused, concurrency_limit, status, storage_configuration, last_transitioned_status_at, "
                + "default_queue_id, created, updated) VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8, $9, $10::text::jsonb, "
                + "now(), $11, now(), now()) ON CONFLICT (workspace_id, name) DO NOTHING RETURNING *), "
                + "q AS (INSERT INTO work_queue (id, workspace_id, work_pool_id, name, description, priority, status, "
                + "created, updated) SELECT $11, $2, p.id, '" + WorkPoolService.DEFAULT_QUEUE + "', '"
                + DEFAULT_QUEUE_DESCRIPTION.replace("'", "''") + "', 1, 'NOT_READY', now(), now() FROM p) "
                + "SELECT " + COLUMNS + " FROM p";
        Tuple args = Tuple.tuple().addUUID(id).addUUID(workspaceId).addString(create.name())
                .addString(create.description()).addString(create.typeOrDefault())
                .addString(JsonColumns.write(create.base_job_template() == null || create.base_job_template().isNull()
                        ? JsonNodeFactory.instance.objectNode()
                        : create.base_job_template()))
                .addBoolean(create.paused()).addInteger(create.concurrency_limit()).addString(status)
                .addString(JsonColumns.write(create.storage_configuration() == null
                        ? WorkPoolStorageConfiguration.EMPTY : create.storage_configuration()))
                .addUUID(defaultQueueId);
        return one(client.preparedQuery(sql).execute(args));
    }

    public Uni<WorkPoolResponse> findByName(SqlClient client, UUID workspaceId, String name) {
        return one(client.preparedQuery("SELECT " + COLUMNS + " FROM work_pool p WHERE p.workspace_id = $1 AND p.name = $2")
                .execute(Tuple.of(workspaceId, name)));
    }

    /** As {@link #findByName}, locking the row for a change in the caller's transaction. */
    public Uni<WorkPoolResponse> lockByName(SqlClient client, UUID workspaceId, String name) {
        return one(client.preparedQuery("SELECT " + COLUMNS + " FROM work_pool p WHERE p.workspace_id = $1 "
                + "AND p.name = $2 FOR UPDATE").execute(Tuple.of(workspaceId, name)));
    }

    public Uni<List<WorkPoolResponse>> filter(UUID workspaceId, WorkPoolFilter filter, int limit, int offset) {
        SqlParams params = new SqlParams();
        String sql = "SELECT " + COLUMNS + " FROM work_pool p WHERE " + where(params, workspaceId, filter)
                + " ORDER BY p.name ASC LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(WorkPoolRepository::all);
    }

    public Uni<Long> count(UUID workspaceId, WorkPoolFilter filter) {
        SqlParams params = new SqlParams();
        return pool.preparedQuery("SELECT count(*) FROM work_pool p WHERE " + where(params, workspaceId, filter))
                .execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Void> update(SqlClient client, UUID workspaceId, UUID id, ColumnUpdates updates, SqlParams params) {
        String sql = "UPDATE work_pool SET " + updates.toSql() + ", updated = now() WHERE workspace_id = "
                + params.bind(workspaceId) + " AND id = " + params.bind(id);
        return client.preparedQuery(sql).execute(params.tuple()).replaceWithVoid();
    }

    /** Deletes the pool (its queues and workers go with it). */
    public Uni<Void> delete(SqlClient client, UUID workspaceId, UUID id) {
        return client.preparedQuery("DELETE FROM work_pool WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id)).replaceWithVoid();
    }

    /** Ids and last versions of the pool's queues, locked (they are about to go with the pool). */
    public Uni<List<QueueVersion>> lockQueues(SqlClient client, UUID workspaceId, UUID poolId) {
        return client.preparedQuery("SELECT id, version FROM work_queue WHERE workspace_id = $1 AND work_pool_id = $2 "
                + "FOR UPDATE").execute(Tuple.of(workspaceId, poolId)).map(rows -> {
                    List<QueueVersion> queues = new ArrayList<>();
                    rows.forEach(row -> queues.add(new QueueVersion(row.getUUID("id"), row.getLong("version"))));
                    return queues;
                });
    }

    /** A queue's id and change counter. */
    public record QueueVersion(UUID id, long version) {
    }

    /** A heartbeat makes a NOT_READY pool READY (work-pools.md §5.1). */
    public Uni<Void> markReadyIfNotReady(SqlClient client, UUID workspaceId, UUID poolId) {
        return client.preparedQuery("UPDATE work_pool SET status = 'READY', last_transitioned_status_at = now() "
                + "WHERE workspace_id = $1 AND id = $2 AND status = 'NOT_READY'").execute(Tuple.of(workspaceId, poolId))
                .replaceWithVoid();
    }

    /**
     * Foreman, cluster-wide: READY pools without an ONLINE worker become NOT_READY. Pools are few, so the scan needs
     * no index of its own.
     */
    public Uni<Integer> markNotReadyWithoutOnlineWorkers(SqlClient client) {
        return client.query("UPDATE work_pool p SET status = 'NOT_READY', last_transitioned_status_at = now() "
                + "WHERE p.status = 'READY' AND NOT EXISTS (SELECT 1 FROM worker w WHERE w.work_pool_id = p.id "
                + "AND w.status = 'ONLINE')").execute().map(rows -> rows.rowCount());
    }

    public Uni<Boolean> hasOnlineWorker(SqlClient client, UUID workspaceId, UUID poolId) {
        return client.preparedQuery("SELECT EXISTS (SELECT 1 FROM worker WHERE workspace_id = $1 AND work_pool_id = $2 "
                + "AND status = 'ONLINE')").execute(Tuple.of(workspaceId, poolId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    private static String where(SqlParams params, UUID workspaceId, WorkPoolFilter filter) {
        Conditions conditions = Conditions.all(params, Relations.NONE);
        conditions.add("p.workspace_id = " + params.bind(workspaceId));
        conditions.nested(filter, "p");
        return conditions.toSql();
    }

    private static Uni<WorkPoolResponse> one(Uni<RowSet<Row>> rows) {
        return rows.map(set -> set.size() == 0 ? null : toPool(set.iterator().next()));
    }

    private static List<WorkPoolResponse> all(RowSet<Row> rows) {
        List<WorkPoolResponse> pools = new ArrayList<>(rows.size());
        rows.forEach(row -> pools.add(toPool(row)));
        return pools;
    }

    private static WorkPoolResponse toPool(Row row) {
        String type = row.getString("type");
        // Agent pools have no status logic; Prefect reports null for them.
        String status = WorkPoolService.AGENT_POOL_TYPE.equals(type) ? null : row.getString("status");
        return new WorkPoolResponse(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getString("name"), row.getString("description"), type, JsonColumns.read(row, "base_job_template"),
                row.getBoolean("is_paused"), row.getInteger("concurrency_limit"), status, row.getUUID("default_queue_id"),
                JsonColumns.read(row, "storage_configuration"), null);
    }
}
