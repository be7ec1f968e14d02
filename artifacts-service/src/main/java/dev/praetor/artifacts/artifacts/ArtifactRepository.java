package dev.praetor.artifacts.artifacts;

import dev.praetor.artifacts.projections.ArtifactsProjections;
import dev.praetor.events.ProjectionTables;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.ExistsChain;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.TaskRunFilter;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The only place with SQL for {@code artifact} and {@code artifact_collection}. Every statement is scoped by
 * workspace. JSON data travels as text ({@code $n::text::json} in, {@code data::text} out).
 */
@ApplicationScoped
public class ArtifactRepository {
    private static final String VALUE_COLUMNS = "type, description, data, metadata_, flow_run_id, task_run_id";
    private static final String ARTIFACT_COLUMNS = "a.id, a.created, a.updated, a.key, a.type, a.description, "
            + "a.data::text AS data, a.metadata_, a.flow_run_id, a.task_run_id";
    private static final String COLLECTION_COLUMNS = "c.id, c.created, c.updated, c.key, c.latest_id, c.type, "
            + "c.description, c.data::text AS data, c.metadata_, c.flow_run_id, c.task_run_id";

    /** An artifact's values as they are written to both tables. */
    record Values(String key, String type, String description, String dataJson, Map<String, String> metadata,
            UUID flowRunId, UUID taskRunId) {
    }

    /** The changes of a PATCH: a null {@link Change} leaves that column alone. */
    record Changes(Change<String> dataJson, Change<String> description, Change<Map<String, String>> metadata) {
    }

    /** A new value for a column, possibly null. */
    record Change<T>(T value) {
    }

    /** A deleted artifact's key (null for an unkeyed artifact). */
    record Deleted(String key) {
    }

    @Inject
    Pool pool;

    /** Relations that filter objects ask about themselves, answered from the projections. */
    Relations relations = ArtifactsProjections.RELATIONS;

    public Pool pool() {
        return pool;
    }

    /**
     * Makes {@code artifactId} the latest of its key: inserts the collection row, or overwrites its latest id and all
     * six values (nulls included) while keeping its {@code created}. Locks the row until the transaction ends.
     */
    public Uni<Void> upsertCollection(SqlClient tx, UUID workspaceId, UUID collectionId, UUID artifactId, Values v) {
        String sql = "INSERT INTO artifact_collection (id, workspace_id, key, latest_id, " + VALUE_COLUMNS
                + ", created, updated) VALUES ($1, $2, $3, $4, $5, $6, $7::text::json, $8, $9, $10, now(), now()) "
                + "ON CONFLICT (workspace_id, key) DO UPDATE SET latest_id = EXCLUDED.latest_id, type = EXCLUDED.type, "
                + "description = EXCLUDED.description, data = EXCLUDED.data, metadata_ = EXCLUDED.metadata_, "
                + "flow_run_id = EXCLUDED.flow_run_id, task_run_id = EXCLUDED.task_run_id, updated = EXCLUDED.updated";
        Tuple args = Tuple.from(Arrays.asList(collectionId, workspaceId, v.key(), artifactId, v.type(),
                v.description(), v.dataJson(), json(v.metadata()), v.flowRunId(), v.taskRunId()));
        return tx.preparedQuery(sql).execute(args).replaceWithVoid();
    }

    /** Inserts the artifact with {@code created = updated = now()} (the transaction's time) and returns it. */
    public Uni<Artifact> insert(SqlClient tx, UUID workspaceId, UUID id, Values v) {
        String sql = "INSERT INTO artifact (id, workspace_id, key, " + VALUE_COLUMNS + ", created, updated) "
                + "VALUES ($1, $2, $3, $4, $5, $6::text::json, $7, $8, $9, now(), now()) RETURNING created, updated";
        Tuple args = Tuple.from(Arrays.asList(id, workspaceId, v.key(), v.type(), v.description(),
                v.dataJson(), json(v.metadata()), v.flowRunId(), v.taskRunId()));
        return tx.preparedQuery(sql).execute(args).map(rows -> {
            Row row = rows.iterator().next();
            return new Artifact(id, row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"), v.key(),
                    v.type(), v.description(), v.dataJson(), v.metadata(), v.flowRunId(), v.taskRunId());
        });
    }

    public Uni<Artifact> findById(UUID workspaceId, UUID id) {
        return pool.preparedQuery("SELECT " + ARTIFACT_COLUMNS + " FROM artifact a WHERE a.workspace_id = $1 AND a.id = $2")
                .execute(Tuple.of(workspaceId, id))
                .map(rows -> rows.size() == 0 ? null : toArtifact(rows.iterator().next()));
    }

    /** The collection row of {@code key}, in the Artifact shape (its own id, no latest id), or null. */
    public Uni<Artifact> findLatestByKey(UUID workspaceId, String key) {
        String sql = "SELECT c.id, c.created, c.updated, c.key, c.type, c.description, c.data::text AS data, "
                + "c.metadata_, c.flow_run_id, c.task_run_id FROM artifact_collection c "
                + "WHERE c.workspace_id = $1 AND c.key = $2";
        return pool.preparedQuery(sql).execute(Tuple.of(workspaceId, key))
                .map(rows -> rows.size() == 0 ? null : toArtifact(rows.iterator().next()));
    }

    /**
     * Applies the changes to the artifact and to the collection row whose latest it is (editing an older version
     * leaves "latest" alone), bumping {@code updated} of each; returns how many rows changed (0 = no such artifact).
     */
    public Uni<Long> update(SqlClient tx, UUID workspaceId, UUID id, Changes changes) {
        SqlParams params = new SqlParams();
        String ws = params.bind(workspaceId);
        String artifactId = params.bind(id);
        List<String> sets = new ArrayList<>();
        if (changes.dataJson() != null) {
            sets.add("data = " + params.bind(changes.dataJson().value()) + "::text::json");
        }
        if (changes.description() != null) {
            sets.add("description = " + params.bind(changes.description().value()) + "::text");
        }
        if (changes.metadata() != null) {
            sets.add("metadata_ = " + params.bind(json(changes.metadata().value())) + "::jsonb");
        }
        sets.add("updated = now()");
        String set = String.join(", ", sets);
        String sql = "WITH artifact_rows AS (UPDATE artifact SET " + set + " WHERE workspace_id = " + ws + " AND id = "
                + artifactId + " RETURNING 1), collection_rows AS (UPDATE artifact_collection SET " + set
                + " WHERE workspace_id = " + ws + " AND latest_id = " + artifactId + " RETURNING 1) "
                + "SELECT (SELECT count(*) FROM artifact_rows) + (SELECT count(*) FROM collection_rows)";
        return tx.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Locks the collection row of {@code key} until the transaction ends. */
    public Uni<Void> lockCollection(SqlClient tx, UUID workspaceId, String key) {
        return tx.preparedQuery("SELECT 1 FROM artifact_collection WHERE workspace_id = $1 AND key = $2 FOR UPDATE")
                .execute(Tuple.of(workspaceId, key)).replaceWithVoid();
    }

    /** Deletes the artifact and returns what it was; null when it did not exist. */
    public Uni<Deleted> delete(SqlClient tx, UUID workspaceId, UUID id) {
        return tx.preparedQuery("DELETE FROM artifact WHERE workspace_id = $1 AND id = $2 RETURNING key")
                .execute(Tuple.of(workspaceId, id))
                .map(rows -> rows.size() == 0 ? null : new Deleted(rows.iterator().next().getString(0)));
    }

    /**
     * If {@code deletedId} was the latest of {@code key}, the newest remaining artifact of the key becomes latest: the
     * collection row takes its id and values, and also its {@code created} and {@code updated} (Prefect does so).
     * Returns whether a row was repointed.
     */
    public Uni<Boolean> repointCollection(SqlClient tx, UUID workspaceId, String key, UUID deletedId) {
        String sql = "UPDATE artifact_collection c SET latest_id = n.id, type = n.type, description = n.description, "
                + "data = n.data, metadata_ = n.metadata_, flow_run_id = n.flow_run_id, task_run_id = n.task_run_id, "
                + "created = n.created, updated = n.updated "
                + "FROM (SELECT * FROM artifact WHERE workspace_id = $1 AND key = $2 ORDER BY created DESC, id DESC LIMIT 1) n "
                + "WHERE c.workspace_id = $1 AND c.key = $2 AND c.latest_id = $3";
        return tx.preparedQuery(sql).execute(Tuple.of(workspaceId, key, deletedId)).map(rows -> rows.rowCount() > 0);
    }

    /** Deletes the collection row of {@code key} if {@code deletedId} was its latest (its last artifact is gone). */
    public Uni<Void> deleteCollectionIfLatest(SqlClient tx, UUID workspaceId, String key, UUID deletedId) {
        return tx.preparedQuery("DELETE FROM artifact_collection WHERE workspace_id = $1 AND key = $2 AND latest_id = $3")
                .execute(Tuple.of(workspaceId, key, deletedId)).replaceWithVoid();
    }

    public Uni<List<Artifact>> filter(UUID workspaceId, ArtifactReadRequest request, int limit, int offset) {
        SqlParams params = new SqlParams();
        String sql = "SELECT " + ARTIFACT_COLUMNS + " FROM artifact a WHERE " + where(params, workspaceId, request)
                + " ORDER BY " + request.sortOrDefault().orderBy("a")
                + " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> map(rows, ArtifactRepository::toArtifact));
    }

    public Uni<Long> count(UUID workspaceId, ArtifactReadRequest request) {
        SqlParams params = new SqlParams();
        String sql = "SELECT count(*) FROM artifact a WHERE " + where(params, workspaceId, request);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<ArtifactCollection>> filterLatest(UUID workspaceId, ArtifactCollectionReadRequest request, int limit,
            int offset) {
        SqlParams params = new SqlParams();
        String sql = "SELECT " + COLLECTION_COLUMNS + " FROM artifact_collection c WHERE "
                + whereLatest(params, workspaceId, request)
                + " ORDER BY " + request.sortOrDefault().orderBy("c")
                + " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> map(rows, ArtifactRepository::toCollection));
    }

    public Uni<Long> countLatest(UUID workspaceId, ArtifactCollectionReadRequest request) {
        SqlParams params = new SqlParams();
        String sql = "SELECT count(*) FROM artifact_collection c WHERE " + whereLatest(params, workspaceId, request);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    private String where(SqlParams params, UUID workspaceId, ArtifactReadRequest request) {
        Conditions conditions = Conditions.all(params, relations);
        conditions.add("a.workspace_id = " + params.bind(workspaceId));
        conditions.nested(request.artifacts(), "a");
        related(conditions, "a", request.flow_runs(), request.flows(), request.deployments(), request.task_runs());
        return conditions.toSql();
    }

    /**
     * As Prefect joins them (artifacts.md §2.1): one flow run with {@code id = <alias>.flow_run_id} matching
     * {@code flow_runs}, whose flow matches {@code flows} and whose deployment matches {@code deployments} (each
     * joined only when given); separately, the task run {@code <alias>.task_run_id} matching {@code task_runs}.
     */
    private static void related(Conditions conditions, String alias, FlowRunFilter flowRuns, FlowFilter flows,
            DeploymentFilter deployments, TaskRunFilter taskRuns) {
        ExistsChain.from(alias)
                .projection(ProjectionTables.FLOW_RUNS.table(), "fr", "fr.id = " + alias + ".flow_run_id", flowRuns)
                .projectionWhenGiven(ProjectionTables.FLOWS.table(), "fl", "fl.id = fr.flow_id", flows)
                .projectionWhenGiven(ProjectionTables.DEPLOYMENTS.table(), "d", "d.id = fr.deployment_id", deployments)
                .addTo(conditions);
        ExistsChain.from(alias)
                .projection(ProjectionTables.TASK_RUNS.table(), "tr", "tr.id = " + alias + ".task_run_id", taskRuns)
                .addTo(conditions);
    }

    private String whereLatest(SqlParams params, UUID workspaceId, ArtifactCollectionReadRequest request) {
        Conditions conditions = Conditions.all(params, relations);
        conditions.add("c.workspace_id = " + params.bind(workspaceId));
        conditions.nested(request.artifacts(), "c");
        related(conditions, "c", request.flow_runs(), request.flows(), request.deployments(), request.task_runs());
        return conditions.toSql();
    }

    private static <T> List<T> map(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> result = new ArrayList<>(rows.size());
        for (Row row : rows) {
            result.add(mapper.apply(row));
        }
        return result;
    }

    private static Artifact toArtifact(Row row) {
        return new Artifact(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getString("key"), row.getString("type"), row.getString("description"), row.getString("data"),
                metadata(row), row.getUUID("flow_run_id"), row.getUUID("task_run_id"));
    }

    private static ArtifactCollection toCollection(Row row) {
        return new ArtifactCollection(row.getUUID("id"), row.getOffsetDateTime("created"),
                row.getOffsetDateTime("updated"), row.getString("key"), row.getUUID("latest_id"), row.getString("type"),
                row.getString("description"), row.getString("data"), metadata(row), row.getUUID("flow_run_id"),
                row.getUUID("task_run_id"));
    }

    private static Map<String, String> metadata(Row row) {
        JsonObject metadata = row.getJsonObject("metadata_");
        if (metadata == null) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        metadata.forEach(entry -> result.put(entry.getKey(), String.valueOf(entry.getValue())));
        return result;
    }

    private static JsonObject json(Map<String, String> metadata) {
        return metadata == null ? null : new JsonObject(new LinkedHashMap<>(metadata));
    }
}
