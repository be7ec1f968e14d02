package dev.praetor.runs.taskruns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.ExistsChain;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.HistoryResponse;
import dev.praetor.runs.flowruns.RunHistoryQuery;
import dev.praetor.runs.flowruns.RunRelations;
import dev.praetor.runs.orchestration.EnclosingFlowRun;
import dev.praetor.runs.projections.RunsProjections;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The only place with SQL for {@code task_run} and {@code task_run_state}. Every statement is scoped by workspace. */
@ApplicationScoped
public class TaskRunRepository {
    static final String RUN_COLUMNS = "t.id, t.workspace_id, t.created, t.updated, t.name, t.flow_run_id, t.task_key, "
            + "t.dynamic_key, t.cache_key, t.cache_expiration, t.task_version, t.empirical_policy::text AS empirical_policy, "
            + "t.tags, t.labels::text AS labels, t.task_inputs::text AS task_inputs, t.state_type, t.state_name, "
            + "t.state_timestamp, t.run_count, t.flow_run_run_count, t.expected_start_time, t.next_scheduled_start_time, "
            + "t.start_time, t.end_time, t.total_run_time, t.version";
    private static final String SELECT_RUN = "SELECT " + RUN_COLUMNS + ", " + StateRows.COLUMNS
            + " FROM task_run t LEFT JOIN task_run_state s ON s.id = t.state_id";

    private static final String INSERT = "INSERT INTO task_run (id, workspace_id, created, updated, name, flow_run_id, "
            + "task_key, dynamic_key, cache_key, cache_expiration, task_version, empirical_policy, tags, labels, task_inputs, "
            + "version) VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb, $12, $13::text::jsonb, "
            + "$14::text::jsonb, 1) ON CONFLICT (workspace_id, flow_run_id, task_key, dynamic_key) DO NOTHING RETURNING id";

    private static final String UPDATE_ORCHESTRATED = "UPDATE task_run SET state_id = $3, state_type = $4, state_name = $5, "
            + "state_timestamp = $6, run_count = $7, flow_run_run_count = $8, expected_start_time = $9, "
            + "next_scheduled_start_time = $10, start_time = $11, end_time = $12, total_run_time = $13, updated = $14, "
            + "version = $15 WHERE workspace_id = $1 AND id = $2";
    private static final String INSERT_STATE_THEN = "WITH written AS (INSERT INTO task_run_state (id, workspace_id, "
            + "task_run_id, type, name, timestamp, message, data, state_details) VALUES ($16, $1, $2, $17, $18, $19, $20, "
            + "$21::text::jsonb, $22::text::jsonb)) ";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    public Pool pool() {
        return pool;
    }

    /** A task run locked for orchestration, with its flow run as task rules need it (null when none or gone). */
    public record Locked(TaskRunEntity run, EnclosingFlowRun flowRun) {
    }

    public Uni<TaskRunEntity> findById(SqlClient client, UUID workspaceId, UUID id) {
        return client.preparedQuery(SELECT_RUN + " WHERE t.workspace_id = $1 AND t.id = $2")
                .execute(Tuple.of(workspaceId, id)).map(this::one);
    }

    public Uni<TaskRunEntity> findByKey(SqlClient client, UUID workspaceId, UUID flowRunId, String taskKey, String dynamicKey) {
        return client.preparedQuery(SELECT_RUN + " WHERE t.workspace_id = $1 AND t.flow_run_id IS NOT DISTINCT FROM $2 "
                + "AND t.task_key = $3 AND t.dynamic_key = $4").execute(Tuple.of(workspaceId, flowRunId, taskKey, dynamicKey))
                .map(this::one);
    }

    /**
     * Row-locks the task run for the rest of the transaction, then reads it with its flow run (not locked); the two
     * statements are pipelined, the read starting once the lock is held (see FlowRunRepository#lockForOrchestration).
     */
    public Uni<Locked> lockForOrchestration(SqlConnection tx, UUID workspaceId, UUID id) {
        Uni<Boolean> lock = tx.preparedQuery("SELECT 1 FROM task_run WHERE workspace_id = $1 AND id = $2 FOR NO KEY UPDATE")
                .execute(Tuple.of(workspaceId, id)).map(rows -> rows.size() > 0);
        String sql = "SELECT " + RUN_COLUMNS + ", " + StateRows.COLUMNS + ", fr.id AS fr_id, fr.run_count AS fr_run_count, "
                + StateRows.columns("fs") + " FROM task_run t LEFT JOIN task_run_state s ON s.id = t.state_id "
                + "LEFT JOIN flow_run fr ON fr.workspace_id = t.workspace_id AND fr.id = t.flow_run_id "
                + "LEFT JOIN flow_run_state fs ON fs.id = fr.state_id WHERE t.workspace_id = $1 AND t.id = $2";
        Uni<RowSet<Row>> read = tx.preparedQuery(sql).execute(Tuple.of(workspaceId, id));
        return Uni.combine().all().unis(lock, read).with((locked, rows) -> {
            if (!locked || rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new Locked(toEntity(row), enclosingFlowRun(row));
        });
    }

    /** The flow run a new task run belongs to: its labels and what task rules need; null when it does not exist. */
    public record FlowRunOfTask(EnclosingFlowRun flowRun, ObjectNode labels) {
    }

    public Uni<FlowRunOfTask> findFlowRun(SqlClient client, UUID workspaceId, UUID flowRunId) {
        String sql = "SELECT fr.id AS fr_id, fr.run_count AS fr_run_count, fr.labels::text AS labels, "
                + StateRows.columns("fs") + " FROM flow_run fr LEFT JOIN flow_run_state fs ON fs.id = fr.state_id "
                + "WHERE fr.workspace_id = $1 AND fr.id = $2";
        return client.preparedQuery(sql).execute(Tuple.of(workspaceId, flowRunId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new FlowRunOfTask(enclosingFlowRun(row), object(row.getString("labels")));
        });
    }

    /** Inserts the task run unless its (flow run, task key, dynamic key) exists; returns whether it inserted. */
    public Uni<Boolean> insert(SqlConnection tx, TaskRunEntity run) {
        Tuple args = Tuple.from(Arrays.asList(run.id(), run.workspaceId, run.created, run.name(), run.flowRunId, run.taskKey,
                run.dynamicKey, run.cacheKey, run.cacheExpiration, run.taskVersion, json(run.empiricalPolicy),
                run.tags().toArray(String[]::new), json(run.labels), json(run.taskInputs)));
        return tx.preparedQuery(INSERT).execute(args).map(rows -> rows.size() > 0);
    }

    /** Stores an orchestration's outcome: the new state row (if any) and the run's columns, with the next version. */
    public Uni<Void> writeOrchestration(SqlConnection tx, TaskRunEntity run, State written, OffsetDateTime now) {
        List<Object> args = new ArrayList<>(Arrays.asList(run.workspaceId, run.id(), run.stateId(),
                run.stateType() == null ? null : run.stateType().name(), run.stateName(), run.stateTimestamp(),
                run.runCount(), run.flowRunRunCount, run.expectedStartTime(), run.nextScheduledStartTime(),
                run.startTime(), run.endTime(), run.totalRunTime(), now, run.version + 1));
        String sql = UPDATE_ORCHESTRATED;
        if (written != null) {
            sql = INSERT_STATE_THEN + sql;
            args.addAll(Arrays.asList(written.id(), written.type().name(), written.name(), written.timestamp(),
                    written.message(), json(written.storedData()), json(written.state_details())));
        }
        run.updated = now;
        run.version++;
        return tx.preparedQuery(sql).execute(Tuple.from(args)).replaceWithVoid();
    }

    public Uni<Void> rename(SqlConnection tx, TaskRunEntity run, OffsetDateTime now) {
        Tuple args = Tuple.from(Arrays.asList(run.workspaceId, run.id(), run.name(), now, run.version + 1));
        run.updated = now;
        run.version++;
        return tx.preparedQuery("UPDATE task_run SET name = $3, updated = $4, version = $5 WHERE workspace_id = $1 AND id = $2")
                .execute(args).replaceWithVoid();
    }

    /** Ids of the task runs of a flow run, locked. */
    public Uni<List<UUID>> lockIdsOfFlowRun(SqlConnection tx, UUID workspaceId, UUID flowRunId) {
        return tx.preparedQuery("SELECT id FROM task_run WHERE workspace_id = $1 AND flow_run_id = $2 FOR NO KEY UPDATE")
                .execute(Tuple.of(workspaceId, flowRunId)).map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    return ids;
                });
    }

    /** Deletes task runs (their states cascade) and their logs; returns each deleted id with its last version. */
    public Uni<Map<UUID, Long>> delete(SqlConnection tx, UUID workspaceId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        UUID[] array = ids.toArray(UUID[]::new);
        return tx.preparedQuery("DELETE FROM log WHERE workspace_id = $1 AND task_run_id = ANY($2::uuid[])")
                .execute(Tuple.of(workspaceId, array))
                .chain(() -> tx.preparedQuery("DELETE FROM task_run WHERE workspace_id = $1 AND id = ANY($2::uuid[]) "
                        + "RETURNING id, version").execute(Tuple.of(workspaceId, array)))
                .map(rows -> {
                    Map<UUID, Long> deleted = new LinkedHashMap<>();
                    rows.forEach(row -> deleted.put(row.getUUID("id"), row.getLong("version")));
                    return deleted;
                });
    }

    /** The task runs of a flow run, by expected start (the graph routes). */
    public Uni<List<TaskRunEntity>> ofFlowRun(UUID workspaceId, UUID flowRunId) {
        return pool.preparedQuery(SELECT_RUN + " WHERE t.workspace_id = $1 AND t.flow_run_id = $2 ORDER BY t.expected_start_time")
                .execute(Tuple.of(workspaceId, flowRunId)).map(this::all);
    }

    public Uni<List<TaskRunEntity>> filter(UUID workspaceId, TaskRunReadRequest request, int limit, int offset) {
        SqlParams params = new SqlParams();
        String sql = SELECT_RUN + " WHERE " + where(params, workspaceId, request, "t") + " ORDER BY "
                + request.sortOrDefault().orderBy("t") + " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(this::all);
    }

    public Uni<Long> count(UUID workspaceId, TaskRunReadRequest request) {
        SqlParams params = new SqlParams();
        String sql = "SELECT count(*) FROM task_run t WHERE " + where(params, workspaceId, request, "t");
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<List<HistoryResponse>> history(UUID workspaceId, TaskRunHistoryRequest request, OffsetDateTime now) {
        return RunHistoryQuery.run(pool, "task_run", params -> where(params, workspaceId, request.filters(), "fr"),
                request.history_start(), request.history_end(), request.history_interval_seconds(), now);
    }

    public Uni<State> findState(UUID workspaceId, UUID stateId) {
        return pool.preparedQuery("SELECT " + StateRows.COLUMNS + " FROM task_run_state s WHERE s.workspace_id = $1 AND s.id = $2")
                .execute(Tuple.of(workspaceId, stateId))
                .map(rows -> rows.size() == 0 ? null : StateRows.read(rows.iterator().next(), mapper));
    }

    public Uni<List<State>> statesOf(UUID workspaceId, UUID taskRunId) {
        return pool.preparedQuery("SELECT " + StateRows.COLUMNS + " FROM task_run_state s WHERE s.workspace_id = $1 "
                + "AND s.task_run_id = $2 ORDER BY s.timestamp").execute(Tuple.of(workspaceId, taskRunId)).map(rows -> {
                    List<State> states = new ArrayList<>(rows.size());
                    rows.forEach(row -> states.add(StateRows.read(row, mapper)));
                    return states;
                });
    }

    private String where(SqlParams params, UUID workspaceId, TaskRunReadRequest request, String alias) {
        Conditions conditions = Conditions.all(params, RunRelations.INSTANCE);
        conditions.add(alias + ".workspace_id = " + params.bind(workspaceId));
        if (request != null) {
            conditions.nested(request.task_runs(), alias);
            // All about the task's one flow run (filters-runs.md §6): that run (own table) matches flow_runs, and its
            // flow and deployment (projections) match flows and deployments. Ids are answered by the run's own
            // flow_id / deployment_id, without waiting for a projection.
            FlowFilter flows = request.flows();
            boolean flowIdsOnly = flows != null && flows.deployment() == null && flows.name() == null
                    && flows.tags() == null;
            DeploymentFilter deployments = request.deployments();
            boolean deploymentIdsOnly = deployments != null && deployments.name() == null
                    && deployments.flow_or_deployment_name() == null && deployments.paused() == null
                    && deployments.tags() == null && deployments.work_queue_name() == null
                    && deployments.concurrency_limit() == null;
            FlowRunFilter flowRuns = request.flow_runs();
            String fr = alias + "_fr";
            Criterion ownRun = flowRuns == null && !flowIdsOnly && !deploymentIdsOnly ? null : (c, a) -> {
                c.nested(flowRuns, a);
                if (flowIdsOnly) {
                    c.nested(flows.operator(), g -> g.anyUuid(a + ".flow_id", flows.id() == null ? null : flows.id().any_())
                            .notAnyUuid(a + ".flow_id", flows.id() == null ? null : flows.id().not_any_()));
                }
                if (deploymentIdsOnly) {
                    c.add(a + ".deployment_id IS NOT NULL").nested(deployments.operator(), g -> g
                            .anyUuid(a + ".deployment_id", deployments.id() == null ? null : deployments.id().any_())
                            .notAnyUuid(a + ".deployment_id", deployments.id() == null ? null : deployments.id().not_any_()));
                }
            };
            ExistsChain.from(alias)
                    .table("flow_run", fr, fr + ".id = " + alias + ".flow_run_id", ownRun)
                    .projectionWhenGiven(RunsProjections.FLOWS, alias + "_f", alias + "_f.id = " + fr + ".flow_id",
                            flowIdsOnly ? null : flows)
                    .projectionWhenGiven(RunsProjections.DEPLOYMENTS, alias + "_d",
                            alias + "_d.id = " + fr + ".deployment_id", deploymentIdsOnly ? null : deployments)
                    .addTo(conditions);
        }
        return conditions.toSql();
    }

    private EnclosingFlowRun enclosingFlowRun(Row row) {
        UUID id = row.getUUID("fr_id");
        return id == null ? null : new EnclosingFlowRun(id, row.getInteger("fr_run_count"), StateRows.read(row, "fs", mapper));
    }

    private TaskRunEntity one(RowSet<Row> rows) {
        return rows.size() == 0 ? null : toEntity(rows.iterator().next());
    }

    private List<TaskRunEntity> all(RowSet<Row> rows) {
        List<TaskRunEntity> runs = new ArrayList<>(rows.size());
        rows.forEach(row -> runs.add(toEntity(row)));
        return runs;
    }

    private TaskRunEntity toEntity(Row row) {
        TaskRunEntity run = new TaskRunEntity();
        String stateType = row.getString("state_type");
        run.restore(row.getUUID("id"), row.getString("name"), Arrays.asList(row.getArrayOfStrings("tags")),
                StateRows.read(row, mapper), stateType == null ? null : StateType.valueOf(stateType),
                row.getString("state_name"), row.getOffsetDateTime("state_timestamp"), row.getInteger("run_count"),
                row.getOffsetDateTime("expected_start_time"), row.getOffsetDateTime("next_scheduled_start_time"),
                row.getOffsetDateTime("start_time"), row.getOffsetDateTime("end_time"), row.getDouble("total_run_time"));
        run.workspaceId = row.getUUID("workspace_id");
        run.created = row.getOffsetDateTime("created");
        run.updated = row.getOffsetDateTime("updated");
        run.flowRunId = row.getUUID("flow_run_id");
        run.taskKey = row.getString("task_key");
        run.dynamicKey = row.getString("dynamic_key");
        run.cacheKey = row.getString("cache_key");
        run.cacheExpiration = row.getOffsetDateTime("cache_expiration");
        run.taskVersion = row.getString("task_version");
        run.empiricalPolicy = policy(row.getString("empirical_policy"));
        run.labels = object(row.getString("labels"));
        run.taskInputs = object(row.getString("task_inputs"));
        run.flowRunRunCount = row.getInteger("flow_run_run_count");
        run.version = row.getLong("version");
        return run;
    }

    private TaskRunPolicy policy(String json) {
        if (json == null) {
            return TaskRunPolicy.DEFAULTS;
        }
        try {
            return mapper.readValue(json, TaskRunPolicy.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode object(String json) {
        JsonNode node = StateRows.parse(mapper, json);
        return node instanceof ObjectNode object ? object : null;
    }

    private String json(Object value) {
        return StateRows.json(mapper, value);
    }
}
