package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.deployments.db.ColumnUpdates;
import dev.praetor.deployments.db.JsonColumns;
import dev.praetor.deployments.projections.DeploymentsProjections;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The only place with SQL for the {@code deployment}, {@code deployment_schedule} and cleanup tables. */
@ApplicationScoped
public class DeploymentRepository {
    private static final String COLUMNS = "d.id, d.created, d.updated, d.name, d.version, d.description, d.flow_id, "
            + "d.flow_name, d.paused, d.concurrency_options::text AS concurrency_options, "
            + "d.job_variables::text AS job_variables, d.parameters::text AS parameters, d.tags, d.labels::text AS labels, "
            + "d.work_queue_name, d.work_queue_id, d.last_polled, "
            + "d.parameter_openapi_schema::text AS parameter_openapi_schema, d.path, d.pull_steps::text AS pull_steps, "
            + "d.entrypoint, d.storage_document_id, d.infrastructure_document_id, d.created_by::text AS created_by, "
            + "d.updated_by::text AS updated_by, d.status, d.enforce_parameter_schema, "
            + "d.snapshot_version, q.name AS queue_name, p.id AS pool_id, p.name AS pool_name";
    private static final String FROM = " FROM deployment d LEFT JOIN work_queue q ON q.id = d.work_queue_id "
            + "LEFT JOIN work_pool p ON p.id = q.work_pool_id ";
    private static final String SCHEDULE_COLUMNS = "s.id, s.created, s.updated, s.deployment_id, "
            + "s.schedule::text AS schedule, s.active, s.max_scheduled_runs, s.parameters::text AS parameters, s.slug";

    /**
     * Relations that filter objects ask about themselves (FlowFilter {@code deployment}, FlowRunFilter
     * {@code parent_flow_run_id}, TaskRunFilter {@code subflow_runs}); the related-object criteria of a read request
     * are added by {@link DeploymentsProjections#addRelated}: flows, flow runs and task runs from the projections,
     * work pools and queues from this service's own tables.
     */
    static final Relations RELATIONS = DeploymentsProjections.RELATIONS;

    /**
     * A stored deployment: the response (schedules filled by the caller) plus what the rules need besides: the
     * {@code work_queue_name} column as given, and the id of the queue's pool (not part of Prefect's response).
     */
    public record StoredDeployment(DeploymentResponse deployment, String flowName, String storedWorkQueueName,
            UUID workPoolId, long snapshotVersion) {
        StoredDeployment withSchedules(List<DeploymentSchedule> schedules) {
            DeploymentResponse d = deployment;
            return new StoredDeployment(new DeploymentResponse(d.id(), d.created(), d.updated(), d.name(), d.version(),
                    d.description(), d.flow_id(), d.paused(), schedules, null, d.global_concurrency_limit(),
                    d.concurrency_options(), d.job_variables(), d.parameters(), d.tags(), d.labels(), d.work_queue_name(),
                    d.work_queue_id(), d.last_polled(), d.parameter_openapi_schema(), d.path(), d.pull_steps(),
                    d.entrypoint(), d.storage_document_id(), d.infrastructure_document_id(), d.created_by(),
                    d.updated_by(), d.work_pool_name(), d.status(), d.enforce_parameter_schema()),
                    flowName, storedWorkQueueName, workPoolId, snapshotVersion);
        }
    }

    /** A schedule as the scheduler needs it. */
    public record DueSchedule(UUID id, UUID workspaceId, UUID deploymentId, JsonNode schedule, JsonNode parameters,
            String slug, OffsetDateTime nextVisitAt) {
    }

    /** A pending deletion of scheduled runs (deployments.md §3.16). */
    public record RunCleanup(long id, UUID workspaceId, UUID deploymentId, boolean autoScheduledOnly, boolean futureOnly,
            OffsetDateTime requestedAt) {
    }

    @Inject
    Pool pool;

    public Pool pool() {
        return pool;
    }

    // ---- deployments

    /** Inserts the deployment unless (flow, name) exists; returns whether this call inserted it. */
    Uni<Boolean> insert(SqlClient client, UUID workspaceId, UUID id, UUID flowId, String flowName, String name,
            ColumnUpdates values, SqlParams params) {
        List<String> columns = new ArrayList<>(List.of("id", "workspace_id", "flow_id", "flow_name", "name", "created",
                "updated"));
        List<String> expressions = new ArrayList<>(List.of(params.bind(id), params.bind(workspaceId), params.bind(flowId),
                params.bind(flowName), params.bind(name), "now()", "now()"));
        columns.addAll(values.columns());
        expressions.addAll(values.expressions());
        String sql = "INSERT INTO deployment (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", expressions) + ") ON CONFLICT (workspace_id, flow_id, name) DO NOTHING RETURNING id";
        return client.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.size() > 0);
    }

    Uni<UUID> lockIdByFlowAndName(SqlClient client, UUID workspaceId, UUID flowId, String name) {
        return client.preparedQuery("SELECT id FROM deployment WHERE workspace_id = $1 AND flow_id = $2 AND name = $3 "
                + "FOR UPDATE").execute(Tuple.of(workspaceId, flowId, name))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
    }

    /** Locks the row for a change and returns it (without schedules); null when it does not exist. */
    Uni<StoredDeployment> lock(SqlClient client, UUID workspaceId, UUID id) {
        return client.preparedQuery("SELECT 1 FROM deployment WHERE workspace_id = $1 AND id = $2 FOR UPDATE")
                .execute(Tuple.of(workspaceId, id))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().nullItem() : find(client, workspaceId, id));
    }

    /** Writes the given columns, bumps {@code updated} and the snapshot version. */
    Uni<Void> update(SqlClient client, UUID workspaceId, UUID id, ColumnUpdates updates, SqlParams params) {
        String sql = "UPDATE deployment SET " + (updates.isEmpty() ? "" : updates.toSql() + ", ")
                + "updated = now(), snapshot_version = snapshot_version + 1 WHERE workspace_id = "
                + params.bind(workspaceId) + " AND id = " + params.bind(id);
        return client.preparedQuery(sql).execute(params.tuple()).replaceWithVoid();
    }

    /** The deployment with its schedules; null when it does not exist. */
    public Uni<StoredDeployment> find(SqlClient client, UUID workspaceId, UUID id) {
        return many(client, "SELECT " + COLUMNS + FROM + "WHERE d.workspace_id = $1 AND d.id = $2",
                Tuple.of(workspaceId, id), workspaceId).map(found -> found.isEmpty() ? null : found.get(0));
    }

    Uni<StoredDeployment> findByName(UUID workspaceId, String flowName, String name) {
        return many(pool, "SELECT " + COLUMNS + FROM + "WHERE d.workspace_id = $1 AND d.flow_name = $2 AND d.name = $3",
                Tuple.of(workspaceId, flowName, name), workspaceId).map(found -> found.isEmpty() ? null : found.get(0));
    }

    Uni<List<StoredDeployment>> filter(UUID workspaceId, DeploymentReadRequest request, int limit, int offset) {
        SqlParams params = new SqlParams();
        String sql = "SELECT " + COLUMNS + FROM + "WHERE " + where(params, workspaceId, request) + " ORDER BY "
                + request.sortOrDefault().orderBy("d") + ", d.id LIMIT " + params.bind(limit) + " OFFSET "
                + params.bind(offset);
        return many(pool, sql, params.tuple(), workspaceId);
    }

    Uni<Long> count(UUID workspaceId, DeploymentReadRequest request) {
        SqlParams params = new SqlParams();
        return pool.preparedQuery("SELECT count(*) FROM deployment d WHERE " + where(params, workspaceId, request))
                .execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Ids of up to {@code limit} matching deployments in name order, locked for deletion. */
    Uni<List<UUID>> lockMatching(SqlClient client, UUID workspaceId, DeploymentReadRequest request, int limit) {
        SqlParams params = new SqlParams();
        String sql = "SELECT d.id FROM deployment d WHERE " + where(params, workspaceId, request)
                + " ORDER BY d.name ASC LIMIT " + params.bind(limit) + " FOR UPDATE";
        return client.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID(0)));
            return ids;
        });
    }

    /** Number of deployments per flow, for the flows that have any. */
    Uni<Map<UUID, Long>> countByFlow(UUID workspaceId, List<UUID> flowIds) {
        return pool.preparedQuery("SELECT flow_id, count(*) FROM deployment WHERE workspace_id = $1 "
                + "AND flow_id = ANY($2::uuid[]) GROUP BY flow_id")
                .execute(Tuple.of(workspaceId, flowIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, Long> counts = new LinkedHashMap<>();
                    rows.forEach(row -> counts.put(row.getUUID(0), row.getLong(1)));
                    return counts;
                });
    }

    /** Deletes the deployment (its schedules go with it) and returns its last snapshot version; null if missing. */
    Uni<Long> delete(SqlClient client, UUID workspaceId, UUID id) {
        return client.preparedQuery("DELETE FROM deployment WHERE workspace_id = $1 AND id = $2 RETURNING snapshot_version")
                .execute(Tuple.of(workspaceId, id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    /** {@code get_scheduled_flow_runs} polls: READY and {@code last_polled = now}, not a change (no version bump). */
    Uni<Void> markPolled(SqlClient client, UUID workspaceId, List<UUID> ids) {
        return client.preparedQuery("UPDATE deployment SET status = 'READY', last_polled = now() "
                + "WHERE workspace_id = $1 AND id = ANY($2::uuid[])")
                .execute(Tuple.of(workspaceId, ids.toArray(UUID[]::new))).replaceWithVoid();
    }

    /** A poll of these queues also marks their deployments as polled (deployments.md §8). */
    public Uni<Void> markPolledByQueues(SqlClient client, UUID workspaceId, List<UUID> queueIds) {
        if (queueIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return client.preparedQuery("UPDATE deployment SET status = 'READY', last_polled = now() "
                + "WHERE workspace_id = $1 AND work_queue_id = ANY($2::uuid[])")
                .execute(Tuple.of(workspaceId, queueIds.toArray(UUID[]::new))).replaceWithVoid();
    }

    /**
     * Foreman, cluster-wide: READY deployments not polled for {@code seconds}, whose queue was not polled either,
     * become NOT_READY. Only READY rows qualify, so the partial scan stays small.
     */
    public Uni<Integer> markStaleNotReady(SqlClient client, int seconds) {
        return client.preparedQuery("UPDATE deployment d SET status = 'NOT_READY' WHERE d.status = 'READY' "
                + "AND d.last_polled IS NOT NULL AND d.last_polled < now() - make_interval(secs => $1) AND NOT EXISTS "
                + "(SELECT 1 FROM work_queue q WHERE q.id = d.work_queue_id AND q.last_polled >= now() - make_interval(secs => $1))")
                .execute(Tuple.of(seconds)).map(rows -> rows.rowCount());
    }

    // ---- schedules

    /** A schedule to write: its id, the stored shape and its settings. */
    record NewSchedule(UUID id, JsonNode schedule, boolean active, Integer maxScheduledRuns, JsonNode parameters,
            String slug) {
    }

    /** Inserts schedules due for the scheduler at once. */
    Uni<Void> insertSchedules(SqlClient client, UUID workspaceId, UUID deploymentId, List<NewSchedule> schedules) {
        if (schedules.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> batch = new ArrayList<>();
        for (NewSchedule s : schedules) {
            batch.add(Tuple.tuple().addUUID(s.id()).addUUID(workspaceId).addUUID(deploymentId)
                    .addString(JsonColumns.write(s.schedule())).addBoolean(s.active()).addInteger(s.maxScheduledRuns())
                    .addString(JsonColumns.write(s.parameters())).addString(s.slug()));
        }
        return client.preparedQuery("INSERT INTO deployment_schedule (id, workspace_id, deployment_id, schedule, active, "
                + "max_scheduled_runs, parameters, slug, created, updated, next_visit_at) VALUES ($1, $2, $3, $4::text::jsonb, $5, "
                + "$6, $7::text::jsonb, $8, clock_timestamp(), clock_timestamp(), now())").executeBatch(batch).replaceWithVoid();
    }

    Uni<Void> deleteSchedules(SqlClient client, UUID workspaceId, UUID deploymentId) {
        return client.preparedQuery("DELETE FROM deployment_schedule WHERE workspace_id = $1 AND deployment_id = $2")
                .execute(Tuple.of(workspaceId, deploymentId)).replaceWithVoid();
    }

    /** Writes the given schedule columns; the schedule is due for the scheduler again. False when it does not exist. */
    Uni<Boolean> updateSchedule(SqlClient client, UUID workspaceId, UUID deploymentId, UUID scheduleId,
            ColumnUpdates updates, SqlParams params) {
        String sql = "UPDATE deployment_schedule SET " + (updates.isEmpty() ? "" : updates.toSql() + ", ")
                + "updated = clock_timestamp(), next_visit_at = now() WHERE workspace_id = " + params.bind(workspaceId)
                + " AND deployment_id = " + params.bind(deploymentId) + " AND id = " + params.bind(scheduleId);
        return client.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.rowCount() > 0);
    }

    Uni<Boolean> deleteSchedule(SqlClient client, UUID workspaceId, UUID deploymentId, UUID scheduleId) {
        return client.preparedQuery("DELETE FROM deployment_schedule WHERE workspace_id = $1 AND deployment_id = $2 "
                + "AND id = $3").execute(Tuple.of(workspaceId, deploymentId, scheduleId)).map(rows -> rows.rowCount() > 0);
    }

    /** Makes every schedule of the deployment due for the scheduler now (after a change or a resume). */
    Uni<Void> scheduleNow(SqlClient client, UUID workspaceId, UUID deploymentId) {
        return client.preparedQuery("UPDATE deployment_schedule SET next_visit_at = now() WHERE workspace_id = $1 "
                + "AND deployment_id = $2").execute(Tuple.of(workspaceId, deploymentId)).replaceWithVoid();
    }

    Uni<List<DeploymentSchedule>> schedulesOf(SqlClient client, UUID workspaceId, UUID deploymentId) {
        return schedulesOf(client, workspaceId, List.of(deploymentId)).map(map -> map.getOrDefault(deploymentId, List.of()));
    }

    /** The schedules of these deployments, newest {@code updated} first. */
    private Uni<Map<UUID, List<DeploymentSchedule>>> schedulesOf(SqlClient client, UUID workspaceId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery("SELECT " + SCHEDULE_COLUMNS + " FROM deployment_schedule s WHERE s.workspace_id = $1 "
                + "AND s.deployment_id = ANY($2::uuid[]) ORDER BY s.updated DESC, s.id")
                .execute(Tuple.of(workspaceId, ids.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, List<DeploymentSchedule>> byDeployment = new LinkedHashMap<>();
                    for (Row row : rows) {
                        byDeployment.computeIfAbsent(row.getUUID("deployment_id"), k -> new ArrayList<>()).add(toSchedule(row));
                    }
                    return byDeployment;
                });
    }

    // ---- the scheduler

    /**
     * Cluster-wide: active schedules due for a visit, of deployments that are not paused and have no pending run
     * cleanup, most overdue first.
     */
    public Uni<List<DueSchedule>> dueSchedules(SqlClient client, int limit) {
        return client.preparedQuery("SELECT s.id, s.workspace_id, s.deployment_id, s.schedule::text AS schedule, "
                + "s.parameters::text AS parameters, s.slug, s.next_visit_at FROM deployment_schedule s "
                + "JOIN deployment d ON d.id = s.deployment_id WHERE s.active AND s.next_visit_at <= now() AND NOT d.paused "
                + "AND NOT EXISTS (SELECT 1 FROM scheduled_run_cleanup c WHERE c.deployment_id = s.deployment_id) "
                + "ORDER BY s.next_visit_at LIMIT $1").execute(Tuple.of(limit)).map(rows -> {
                    List<DueSchedule> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(new DueSchedule(row.getUUID("id"), row.getUUID("workspace_id"), row.getUUID("deployment_id"),
                                JsonColumns.read(row, "schedule"), JsonColumns.read(row, "parameters"), row.getString("slug"),
                                row.getOffsetDateTime("next_visit_at")));
                    }
                    return due;
                });
    }

    /**
     * Sets when the scheduler next visits the schedule, unless it was made due again meanwhile (a change during the
     * visit): its {@code next_visit_at} must still be the one the visit started from.
     */
    public Uni<Void> setNextVisit(SqlClient client, UUID scheduleId, OffsetDateTime seen, OffsetDateTime next) {
        return client.preparedQuery("UPDATE deployment_schedule SET next_visit_at = $3 WHERE id = $1 AND next_visit_at = $2")
                .execute(Tuple.of(scheduleId, seen, next)).replaceWithVoid();
    }

    /** The snapshot version of a deployment (any workspace), or null when it is gone. */
    public Uni<Long> snapshotVersion(SqlClient client, UUID deploymentId) {
        return client.preparedQuery("SELECT snapshot_version FROM deployment WHERE id = $1").execute(Tuple.of(deploymentId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    // ---- scheduled run cleanups

    public Uni<Void> requestCleanup(SqlClient client, UUID workspaceId, UUID deploymentId, boolean autoScheduledOnly,
            boolean futureOnly) {
        return client.preparedQuery("INSERT INTO scheduled_run_cleanup (workspace_id, deployment_id, auto_scheduled_only, "
                + "future_only, requested_at) VALUES ($1, $2, $3, $4, now())")
                .execute(Tuple.of(workspaceId, deploymentId, autoScheduledOnly, futureOnly)).replaceWithVoid();
    }

    /** Pending cleanups of one deployment (workspace-scoped), or of all deployments when {@code deploymentId} is null. */
    public Uni<List<RunCleanup>> pendingCleanups(SqlClient client, UUID deploymentId, int limit) {
        String where = deploymentId == null ? "" : "WHERE deployment_id = $2 ";
        Tuple args = deploymentId == null ? Tuple.of(limit) : Tuple.of(limit, deploymentId);
        return client.preparedQuery("SELECT id, workspace_id, deployment_id, auto_scheduled_only, future_only, requested_at "
                + "FROM scheduled_run_cleanup " + where + "ORDER BY id LIMIT $1").execute(args).map(rows -> {
                    List<RunCleanup> cleanups = new ArrayList<>();
                    for (Row row : rows) {
                        cleanups.add(new RunCleanup(row.getLong("id"), row.getUUID("workspace_id"),
                                row.getUUID("deployment_id"), row.getBoolean("auto_scheduled_only"),
                                row.getBoolean("future_only"), row.getOffsetDateTime("requested_at")));
                    }
                    return cleanups;
                });
    }

    public Uni<Void> completeCleanup(SqlClient client, long id) {
        return client.preparedQuery("DELETE FROM scheduled_run_cleanup WHERE id = $1").execute(Tuple.of(id))
                .replaceWithVoid();
    }

    // ---- mapping

    private String where(SqlParams params, UUID workspaceId, DeploymentReadRequest request) {
        Conditions conditions = Conditions.all(params, RELATIONS);
        conditions.add("d.workspace_id = " + params.bind(workspaceId));
        if (request != null) {
            conditions.nested(request.deployments(), "d");
            DeploymentsProjections.addRelated(conditions, "d", request.flows(), request.flow_runs(), request.task_runs(),
                    request.work_pools(), request.work_pool_queues());
        }
        return conditions.toSql();
    }

    private Uni<List<StoredDeployment>> many(SqlClient client, String sql, Tuple args, UUID workspaceId) {
        return client.preparedQuery(sql).execute(args).flatMap(rows -> {
            List<StoredDeployment> found = toStored(rows);
            return schedulesOf(client, workspaceId, found.stream().map(d -> d.deployment().id()).toList())
                    .map(schedules -> found.stream()
                            .map(d -> d.withSchedules(schedules.getOrDefault(d.deployment().id(), List.of()))).toList());
        });
    }

    private static List<StoredDeployment> toStored(RowSet<Row> rows) {
        List<StoredDeployment> found = new ArrayList<>(rows.size());
        for (Row row : rows) {
            JsonNode options = JsonColumns.read(row, "concurrency_options");
            ConcurrencyOptions concurrencyOptions = options == null || !options.isObject() ? null
                    : new ConcurrencyOptions(options.hasNonNull("collision_strategy")
                            ? ConcurrencyOptions.CollisionStrategy.valueOf(options.get("collision_strategy").asText()) : null,
                            options.hasNonNull("grace_period_seconds") ? options.get("grace_period_seconds").asInt() : null);
            String[] tags = row.getArrayOfStrings("tags");
            DeploymentResponse deployment = new DeploymentResponse(row.getUUID("id"), row.getOffsetDateTime("created"),
                    row.getOffsetDateTime("updated"), row.getString("name"), row.getString("version"),
                    row.getString("description"), row.getUUID("flow_id"), row.getBoolean("paused"), List.of(), null, null,
                    concurrencyOptions, JsonColumns.read(row, "job_variables"), JsonColumns.read(row, "parameters"),
                    tags == null ? List.of() : Arrays.asList(tags), JsonColumns.read(row, "labels"),
                    row.getString("queue_name"), row.getUUID("work_queue_id"), row.getOffsetDateTime("last_polled"),
                    JsonColumns.read(row, "parameter_openapi_schema"), row.getString("path"),
                    JsonColumns.read(row, "pull_steps"), row.getString("entrypoint"), row.getUUID("storage_document_id"),
                    row.getUUID("infrastructure_document_id"), JsonColumns.read(row, "created_by"),
                    JsonColumns.read(row, "updated_by"), row.getString("pool_name"), row.getString("status"),
                    row.getBoolean("enforce_parameter_schema"));
            found.add(new StoredDeployment(deployment, row.getString("flow_name"), row.getString("work_queue_name"),
                    row.getUUID("pool_id"), row.getLong("snapshot_version")));
        }
        return found;
    }

    private static DeploymentSchedule toSchedule(Row row) {
        return new DeploymentSchedule(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getUUID("deployment_id"), JsonColumns.read(row, "schedule"), row.getBoolean("active"),
                row.getInteger("max_scheduled_runs"), JsonColumns.read(row, "parameters"), row.getString("slug"));
    }
}
