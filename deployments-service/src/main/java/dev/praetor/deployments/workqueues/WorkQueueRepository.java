package dev.praetor.deployments.workqueues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.deployments.db.ColumnUpdates;
import dev.praetor.deployments.db.JsonColumns;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.filters.WorkQueueFilter;
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

/** The only place with SQL for the {@code work_queue} table. Every statement is scoped by workspace. */
@ApplicationScoped
public class WorkQueueRepository {
    private static final String COLUMNS = "q.id, q.created, q.updated, q.name, q.description, q.is_paused, "
            + "q.concurrency_limit, q.priority, q.work_pool_id, q.filter::text AS filter, q.last_polled, q.status, "
            + "q.version, p.name AS work_pool_name, p.type AS work_pool_type";
    private static final String FROM = " FROM work_queue q JOIN work_pool p ON p.id = q.work_pool_id ";

    /** A stored queue, its pool's type and its change counter (the version its Kafka snapshots carry). */
    public record StoredQueue(WorkQueueResponse queue, String poolType, long version) {
    }

    /** A queue's place in its pool's priority order. */
    record Priority(UUID id, int priority) {
    }

    @Inject
    Pool pool;

    public Pool pool() {
        return pool;
    }

    public Uni<StoredQueue> insert(SqlClient client, UUID workspaceId, UUID id, UUID poolId, WorkQueueCreate create,
            int priority) {
        String sql = "WITH q AS (INSERT INTO work_queue (id, workspace_id, work_pool_id, name, description, is_paused, "
                + "concurrency_limit, priority, filter, status, created, updated, version) VALUES ($1, $2, $3, $4, $5, "
                + "$6, $7, $8, $9::text::jsonb, 'NOT_READY', now(), now(), 1) RETURNING *) SELECT " + COLUMNS
                + " FROM q JOIN work_pool p ON p.id = q.work_pool_id";
        Tuple args = Tuple.tuple().addUUID(id).addUUID(workspaceId).addUUID(poolId).addString(create.name())
                .addString(create.description() == null ? "" : create.description()).addBoolean(create.paused())
                .addInteger(create.concurrency_limit()).addInteger(priority)
                .addString(JsonColumns.write(create.filter()));
        return one(client.preparedQuery(sql).execute(args));
    }

    public Uni<StoredQueue> findById(SqlClient client, UUID workspaceId, UUID id) {
        return one(client.preparedQuery("SELECT " + COLUMNS + FROM + "WHERE q.workspace_id = $1 AND q.id = $2")
                .execute(Tuple.of(workspaceId, id)));
    }

    public Uni<StoredQueue> findInPool(SqlClient client, UUID workspaceId, UUID poolId, String name) {
        return one(client.preparedQuery("SELECT " + COLUMNS + FROM
                + "WHERE q.workspace_id = $1 AND q.work_pool_id = $2 AND q.name = $3")
                .execute(Tuple.of(workspaceId, poolId, name)));
    }

    /** Any queue of that name (the legacy routes' lookup while {@code default-agent-pool} does not exist). */
    public Uni<StoredQueue> findAnyByName(SqlClient client, UUID workspaceId, String name) {
        return one(client.preparedQuery("SELECT " + COLUMNS + FROM
                + "WHERE q.workspace_id = $1 AND q.name = $2 ORDER BY q.created LIMIT 1")
                .execute(Tuple.of(workspaceId, name)));
    }

    /** Queues of a pool matching the filter, by priority. */
    public Uni<List<StoredQueue>> filterInPool(SqlClient client, UUID workspaceId, UUID poolId, WorkQueueFilter filter,
            int limit, int offset) {
        SqlParams params = new SqlParams();
        Conditions conditions = Conditions.all(params, Relations.NONE);
        conditions.add("q.workspace_id = " + params.bind(workspaceId)).add("q.work_pool_id = " + params.bind(poolId));
        conditions.nested(filter, "q");
        String sql = "SELECT " + COLUMNS + FROM + "WHERE " + conditions.toSql() + " ORDER BY q.priority ASC, q.name ASC"
                + " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return client.preparedQuery(sql).execute(params.tuple()).map(WorkQueueRepository::all);
    }

    /** Queues of every pool matching the filter, by name (the legacy {@code /work_queues/filter}). */
    public Uni<List<StoredQueue>> filterAll(UUID workspaceId, WorkQueueFilter filter, int limit, int offset) {
        SqlParams params = new SqlParams();
        Conditions conditions = Conditions.all(params, Relations.NONE);
        conditions.add("q.workspace_id = " + params.bind(workspaceId));
        conditions.nested(filter, "q");
        String sql = "SELECT " + COLUMNS + FROM + "WHERE " + conditions.toSql() + " ORDER BY q.name ASC, q.id ASC"
                + " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(WorkQueueRepository::all);
    }

    /** Every queue of the pool, by priority, locked for a priority change. */
    Uni<List<Priority>> lockPriorities(SqlClient client, UUID workspaceId, UUID poolId) {
        return client.preparedQuery("SELECT id, priority FROM work_queue WHERE workspace_id = $1 AND work_pool_id = $2 "
                + "ORDER BY priority ASC FOR UPDATE").execute(Tuple.of(workspaceId, poolId)).map(rows -> {
                    List<Priority> priorities = new ArrayList<>();
                    rows.forEach(row -> priorities.add(new Priority(row.getUUID("id"), row.getInteger("priority"))));
                    return priorities;
                });
    }

    /** Writes the given columns (and bumps the version); null when the queue does not exist. */
    public Uni<StoredQueue> update(SqlClient client, UUID workspaceId, UUID id, ColumnUpdates updates, SqlParams params) {
        String sql = "WITH q AS (UPDATE work_queue SET " + updates.toSql() + ", updated = now(), version = version + 1 "
                + "WHERE workspace_id = " + params.bind(workspaceId) + " AND id = " + params.bind(id) + " RETURNING *) "
                + "SELECT " + COLUMNS + " FROM q JOIN work_pool p ON p.id = q.work_pool_id";
        return one(client.preparedQuery(sql).execute(params.tuple()));
    }

    /** Deletes the queue and returns its last version; null when it did not exist. */
    public Uni<Long> delete(SqlClient client, UUID workspaceId, UUID id) {
        return client.preparedQuery("DELETE FROM work_queue WHERE workspace_id = $1 AND id = $2 RETURNING version")
                .execute(Tuple.of(workspaceId, id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    /**
     * A poll of these queues (not a change: no version bump, no snapshot): {@code last_polled = now}, and
     * {@code NOT_READY} becomes {@code READY} (work-pools.md §6.2).
     */
    public Uni<Void> markPolled(SqlClient client, UUID workspaceId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("UPDATE work_queue SET last_polled = now(), status = CASE WHEN status = 'NOT_READY' "
                + "THEN 'READY' ELSE status END WHERE workspace_id = $1 AND id = ANY($2::uuid[])")
                .execute(Tuple.of(workspaceId, ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    /** Foreman, cluster-wide: READY queues not polled for {@code seconds} become NOT_READY. */
    public Uni<Integer> markStaleNotReady(SqlClient client, int seconds) {
        return client.preparedQuery("UPDATE work_queue SET status = 'NOT_READY' WHERE status = 'READY' "
                + "AND (last_polled IS NULL OR last_polled < now() - make_interval(secs => $1))")
                .execute(Tuple.of(seconds)).map(rows -> rows.rowCount());
    }

    private static Uni<StoredQueue> one(Uni<RowSet<Row>> rows) {
        return rows.map(set -> set.size() == 0 ? null : toStored(set.iterator().next()));
    }

    private static List<StoredQueue> all(RowSet<Row> rows) {
        List<StoredQueue> queues = new ArrayList<>(rows.size());
        rows.forEach(row -> queues.add(toStored(row)));
        return queues;
    }

    static StoredQueue toStored(Row row) {
        JsonNode filter = JsonColumns.read(row, "filter");
        QueueFilter queueFilter = null;
        if (filter != null && filter.isObject()) {
            List<String> tags = filter.hasNonNull("tags") ? new ArrayList<>() : null;
            if (tags != null) {
                filter.get("tags").forEach(tag -> tags.add(tag.asText()));
            }
            List<UUID> deploymentIds = filter.hasNonNull("deployment_ids") ? new ArrayList<>() : null;
            if (deploymentIds != null) {
                filter.get("deployment_ids").forEach(id -> deploymentIds.add(UUID.fromString(id.asText())));
            }
            queueFilter = new QueueFilter(tags, deploymentIds);
        }
        WorkQueueResponse queue = new WorkQueueResponse(row.getUUID("id"), row.getOffsetDateTime("created"),
                row.getOffsetDateTime("updated"), row.getString("name"), row.getString("description"),
                row.getBoolean("is_paused"), row.getInteger("concurrency_limit"), row.getInteger("priority"),
                row.getUUID("work_pool_id"), queueFilter, row.getOffsetDateTime("last_polled"),
                row.getString("work_pool_name"), row.getString("status"), null);
        return new StoredQueue(queue, row.getString("work_pool_type"), row.getLong("version"));
    }
}
