package dev.praetor.flows.flows;

import dev.praetor.events.ProjectionTables;
import dev.praetor.flows.projections.FlowsProjections;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.ExistsChain;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The only place with SQL for the {@code flow} table. Every statement is scoped by workspace. */
@ApplicationScoped
public class FlowRepository {
    private static final String COLUMNS = "f.id, f.created, f.updated, f.name, f.tags, f.labels, f.version";

    /** A stored flow and its change counter (the version its Kafka snapshots carry). */
    public record StoredFlow(Flow flow, long version) {
    }

    /** Outcome of create-or-get: whether this call inserted the row. */
    public record CreateOrGet(StoredFlow stored, boolean inserted) {
    }

    @Inject
    Pool pool;

    /** Relations that filter objects ask about themselves, answered from the projections. */
    Relations relations = FlowsProjections.RELATIONS;

    public Pool pool() {
        return pool;
    }

    /**
     * Inserts the flow unless its name exists, in one statement, and returns the row either way. Under a race the
     * competing insert may have committed after this statement's snapshot, so an empty answer is re-read.
     */
    public Uni<CreateOrGet> createOrGet(SqlClient client, UUID workspaceId, UUID id, String name, List<String> tags,
            Map<String, Object> labels) {
        String sql = "WITH inserted AS (INSERT INTO flow AS f (id, workspace_id, name, tags, labels, created, updated, version) "
                + "VALUES ($1, $2, $3, $4, $5, now(), now(), 1) ON CONFLICT (workspace_id, name) DO NOTHING "
                + "RETURNING " + COLUMNS + ") "
                + "SELECT *, true AS inserted FROM inserted "
                + "UNION ALL SELECT " + COLUMNS + ", false FROM flow f "
                + "WHERE f.workspace_id = $2 AND f.name = $3 AND NOT EXISTS (SELECT 1 FROM inserted)";
        Tuple args = Tuple.of(id, workspaceId, name, tags.toArray(String[]::new), new JsonObject(labels));
        return client.preparedQuery(sql).execute(args).flatMap(rows -> {
            if (rows.size() > 0) {
                Row row = rows.iterator().next();
                return Uni.createFrom().item(new CreateOrGet(toStored(row), row.getBoolean("inserted")));
            }
            return findByName(client, workspaceId, name).map(found -> new CreateOrGet(found, false));
        });
    }

    public Uni<StoredFlow> findById(SqlClient client, UUID workspaceId, UUID id) {
        return one(client.preparedQuery("SELECT " + COLUMNS + " FROM flow f WHERE f.workspace_id = $1 AND f.id = $2")
                .execute(Tuple.of(workspaceId, id)));
    }

    public Uni<StoredFlow> findByName(SqlClient client, UUID workspaceId, String name) {
        return one(client.preparedQuery("SELECT " + COLUMNS + " FROM flow f WHERE f.workspace_id = $1 AND f.name = $2")
                .execute(Tuple.of(workspaceId, name)));
    }

    /** Replaces the tags; null when the flow does not exist. */
    public Uni<StoredFlow> updateTags(SqlClient client, UUID workspaceId, UUID id, List<String> tags) {
        return one(client.preparedQuery("UPDATE flow f SET tags = $3, updated = now(), version = f.version + 1 "
                + "WHERE f.workspace_id = $1 AND f.id = $2 RETURNING " + COLUMNS)
                .execute(Tuple.of(workspaceId, id, tags.toArray(String[]::new))));
    }

    /** Deletes the flow and returns its last version; null when it did not exist. */
    public Uni<Long> delete(SqlClient client, UUID workspaceId, UUID id) {
        return client.preparedQuery("DELETE FROM flow f WHERE f.workspace_id = $1 AND f.id = $2 RETURNING f.version")
                .execute(Tuple.of(workspaceId, id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    /** Deletes up to {@code limit} matching flows (in name order) and returns their ids with their last versions. */
    public Uni<Map<UUID, Long>> deleteMatching(SqlClient client, UUID workspaceId, FlowReadRequest filter, int limit) {
        SqlParams params = new SqlParams();
        String where = where(params, workspaceId, filter);
        String sql = "DELETE FROM flow d WHERE d.id IN (SELECT f.id FROM flow f WHERE " + where
                + " ORDER BY f.name ASC LIMIT " + params.bind(limit) + ") RETURNING d.id, d.version";
        return client.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            Map<UUID, Long> deleted = new java.util.LinkedHashMap<>();
            for (Row row : rows) {
                deleted.put(row.getUUID("id"), row.getLong("version"));
            }
            return deleted;
        });
    }

    public Uni<List<Flow>> filter(UUID workspaceId, FlowReadRequest request, int limit, int offset) {
        SqlParams params = new SqlParams();
        String sql = "SELECT " + COLUMNS + " FROM flow f WHERE " + where(params, workspaceId, request)
                + " ORDER BY " + request.sortOrDefault().orderBy("f")
                + " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(FlowRepository::toFlows);
    }

    public Uni<Long> count(UUID workspaceId, FlowReadRequest request) {
        SqlParams params = new SqlParams();
        String sql = "SELECT count(*) FROM flow f WHERE " + where(params, workspaceId, request);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    private String where(SqlParams params, UUID workspaceId, FlowReadRequest request) {
        Conditions conditions = Conditions.all(params, relations);
        conditions.add("f.workspace_id = " + params.bind(workspaceId));
        if (request != null) {
            conditions.nested(request.flows(), "f");
            // As Prefect joins them (flows.md §2.3): one run matching flow_runs that owns a task run matching
            // task_runs; one deployment matching deployments whose queue is in a pool matching work_pools.
            ExistsChain.from("f")
                    .projection(ProjectionTables.FLOW_RUNS.table(), "fr", "fr.flow_id = f.id", request.flow_runs())
                    .projection(ProjectionTables.TASK_RUNS.table(), "tr", "tr.flow_run_id = fr.id", request.task_runs())
                    .addTo(conditions);
            ExistsChain.from("f")
                    .projection(ProjectionTables.DEPLOYMENTS.table(), "d", "d.flow_id = f.id", request.deployments())
                    .projection(FlowsProjections.WORK_POOL_OF_QUEUE, "wp", "wp.work_queue_id = d.work_queue_id",
                            request.work_pools())
                    .addTo(conditions);
        }
        return conditions.toSql();
    }

    private static Uni<StoredFlow> one(Uni<RowSet<Row>> rows) {
        return rows.map(set -> set.size() == 0 ? null : toStored(set.iterator().next()));
    }

    private static List<Flow> toFlows(RowSet<Row> rows) {
        List<Flow> flows = new ArrayList<>(rows.size());
        for (Row row : rows) {
            flows.add(toFlow(row));
        }
        return flows;
    }

    private static StoredFlow toStored(Row row) {
        return new StoredFlow(toFlow(row), row.getLong("version"));
    }

    private static Flow toFlow(Row row) {
        JsonObject labels = row.getJsonObject("labels");
        return new Flow(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getString("name"), Arrays.asList(row.getArrayOfStrings("tags")),
                labels == null ? Map.of() : labels.getMap());
    }
}
