package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.ExistsChain;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.WorkPoolFilter;
import dev.praetor.rest.filters.WorkQueueFilter;
import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.orchestration.FlowRunStateTimestamps;
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
import java.util.List;
import java.util.UUID;

/**
 * The only place with SQL for {@code flow_run}, {@code flow_run_state} and {@code flow_run_input}. Every statement is
 * scoped by workspace. JSON columns travel as text so any JSON value round-trips exactly.
 */
@ApplicationScoped
public class FlowRunRepository implements FlowRunStateTimestamps {
    static final String RUN_COLUMNS = "fr.id, fr.workspace_id, fr.created, fr.updated, fr.name, fr.flow_id, "
            + "fr.deployment_id, fr.deployment_version, fr.work_queue_id, fr.work_queue_name, fr.work_pool_id, "
            + "fr.work_pool_name, fr.flow_version, fr.parameters::text AS parameters, fr.idempotency_key, "
            + "fr.context::text AS context, fr.empirical_policy::text AS empirical_policy, fr.tags, fr.labels::text AS labels, "
            + "fr.parent_task_run_id, fr.state_type, fr.state_name, fr.state_timestamp, fr.run_count, "
            + "fr.expected_start_time, fr.next_scheduled_start_time, fr.start_time, fr.end_time, fr.total_run_time, "
            + "fr.auto_scheduled, fr.infrastructure_document_id, fr.infrastructure_pid, fr.created_by::text AS created_by, "
            + "fr.job_variables::text AS job_variables, fr.version";
    private static final String SELECT_RUN = "SELECT " + RUN_COLUMNS + ", " + StateRows.COLUMNS
            + " FROM flow_run fr LEFT JOIN flow_run_state s ON s.id = fr.state_id";

    private static final String INSERT = "INSERT INTO flow_run (id, workspace_id, created, updated, name, flow_id, "
            + "deployment_id, work_queue_name, flow_version, parameters, idempotency_key, context, empirical_policy, tags, "
            + "labels, parent_task_run_id, infrastructure_document_id, created_by, job_variables, deployment_version, "
            + "work_queue_id, work_pool_id, work_pool_name, auto_scheduled, version) VALUES "
            + "($1, $2, $3, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11::text::jsonb, $12::text::jsonb, $13, "
            + "$14::text::jsonb, $15, $16, $17::text::jsonb, $18::text::jsonb, $19, $20, $21, $22, $23, 1)";
    private static final String ON_IDEMPOTENCY_CONFLICT = " ON CONFLICT (workspace_id, flow_id, idempotency_key) "
            + "WHERE idempotency_key IS NOT NULL DO NOTHING";

    private static final String UPDATE_ORCHESTRATED = "UPDATE flow_run SET state_id = $3, state_type = $4, state_name = $5, "
            + "state_timestamp = $6, run_count = $7, expected_start_time = $8, next_scheduled_start_time = $9, "
            + "start_time = $10, end_time = $11, total_run_time = $12, empirical_policy = $13::text::jsonb, updated = $14, "
            + "version = $15 WHERE workspace_id = $1 AND id = $2";
    private static final String INSERT_STATE_THEN = "WITH written AS (INSERT INTO flow_run_state (id, workspace_id, "
            + "flow_run_id, type, name, timestamp, message, data, state_details) VALUES ($16, $1, $2, $17, $18, $19, $20, "
            + "$21::text::jsonb, $22::text::jsonb)) ";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    public Pool pool() {
        return pool;
    }

    /** A run locked for orchestration, with the newest timestamp among its states. */
    public record Locked(FlowRunEntity run, OffsetDateTime latestStateTimestamp) {
    }

    public Uni<FlowRunEntity> findById(SqlClient client, UUID workspaceId, UUID id) {
        return client.preparedQuery(SELECT_RUN + " WHERE fr.workspace_id = $1 AND fr.id = $2")
                .execute(Tuple.of(workspaceId, id)).map(this::one);
    }

    /**
     * Row-locks the run for the rest of the transaction, so concurrent proposals to one run serialise, then reads it.
     * Two statements, sent together (pipelined): under READ COMMITTED the read must start after the lock is granted,
     * or it would see the run's new state id but not the state row the previous holder committed.
     * {@code FOR NO KEY UPDATE} still lets other transactions insert rows that reference the run.
     */
    public Uni<Locked> lockForOrchestration(SqlConnection tx, UUID workspaceId, UUID id) {
        Uni<Boolean> lock = tx.preparedQuery("SELECT 1 FROM flow_run WHERE workspace_id = $1 AND id = $2 FOR NO KEY UPDATE")
                .execute(Tuple.of(workspaceId, id)).map(rows -> rows.size() > 0);
        String sql = "SELECT " + RUN_COLUMNS + ", " + StateRows.COLUMNS + ", (SELECT max(x.timestamp) FROM flow_run_state x "
                + "WHERE x.flow_run_id = fr.id) AS latest_state_timestamp FROM flow_run fr LEFT JOIN flow_run_state s "
                + "ON s.id = fr.state_id WHERE fr.workspace_id = $1 AND fr.id = $2";
        Uni<RowSet<Row>> read = tx.preparedQuery(sql).execute(Tuple.of(workspaceId, id));
        return Uni.combine().all().unis(lock, read).with((locked, rows) -> {
            if (!locked || rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            return new Locked(toEntity(row), row.getOffsetDateTime("latest_state_timestamp"));
        });
    }

    /**
     * Inserts a new run without a state; with {@code idempotent}, a run with the same (flow, idempotency key) makes
     * this a no-op. Returns whether a row was inserted.
     */
    public Uni<Boolean> insert(SqlConnection tx, FlowRunEntity run, boolean idempotent) {
        Tuple args = Tuple.from(Arrays.asList(run.id(), run.workspaceId, run.created, run.name(), run.flowId,
                run.deploymentId, run.workQueueName, run.flowVersion, json(run.parameters), run.idempotencyKey,
                json(run.context), json(run.empiricalPolicy), run.tags().toArray(String[]::new), json(run.labels),
                run.parentTaskRunId, run.infrastructureDocumentId, json(run.createdBy), json(run.jobVariables),
                run.deploymentVersion, run.workQueueId, run.workPoolId, run.workPoolName, run.autoScheduled));
        String sql = INSERT + (idempotent ? ON_IDEMPOTENCY_CONFLICT : "") + " RETURNING id";
        return tx.preparedQuery(sql).execute(args).map(rows -> rows.size() > 0);
    }

    /**
     * Inserts a new run together with its first state, in one statement (the state row's foreign key is checked at
     * the end of the statement). Used when no idempotency key can make the insert a no-op.
     */
    public Uni<Void> insertWithState(SqlConnection tx, FlowRunEntity run, State first) {
        String sql = "WITH written AS (INSERT INTO flow_run_state (id, workspace_id, flow_run_id, type, name, timestamp, "
                + "message, data, state_details) VALUES ($28, $2, $1, $29, $30, $31, $32, $33::text::jsonb, $34::text::jsonb)) "
                + "INSERT INTO flow_run (id, workspace_id, created, updated, name, flow_id, deployment_id, work_queue_name, "
                + "flow_version, parameters, idempotency_key, context, empirical_policy, tags, labels, parent_task_run_id, "
                + "infrastructure_document_id, created_by, job_variables, state_id, state_type, state_name, state_timestamp, "
                + "run_count, expected_start_time, next_scheduled_start_time, start_time, end_time, total_run_time, version, "
                + "deployment_version, work_queue_id, work_pool_id, work_pool_name, auto_scheduled) "
                + "VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11::text::jsonb, $12::text::jsonb, $13, "
                + "$14::text::jsonb, $15, $16, $17::text::jsonb, $18::text::jsonb, $19, $20, $21, $22, $23, $24, $25, $26, $27, "
                + "$35, $36, $37, $38, $39, $40, $41)";
        Tuple args = Tuple.from(Arrays.asList(run.id(), run.workspaceId, run.created, run.name(), run.flowId,
                run.deploymentId, run.workQueueName, run.flowVersion, json(run.parameters), run.idempotencyKey,
                json(run.context), json(run.empiricalPolicy), run.tags().toArray(String[]::new), json(run.labels),
                run.parentTaskRunId, run.infrastructureDocumentId, json(run.createdBy), json(run.jobVariables),
                run.stateId(), run.stateType().name(), run.stateName(), run.stateTimestamp(), run.runCount(),
                run.expectedStartTime(), run.nextScheduledStartTime(), run.startTime(), run.endTime(),
                first.id(), first.type().name(), first.name(), first.timestamp(), first.message(), json(first.storedData()),
                json(first.state_details()), run.totalRunTime(), run.version, run.deploymentVersion, run.workQueueId,
                run.workPoolId, run.workPoolName, run.autoScheduled));
        return tx.preparedQuery(sql).execute(args).replaceWithVoid();
    }

    public Uni<FlowRunEntity> findByIdempotencyKey(SqlClient client, UUID workspaceId, UUID flowId, String key) {
        return client.preparedQuery(SELECT_RUN + " WHERE fr.workspace_id = $1 AND fr.flow_id = $2 AND fr.idempotency_key = $3")
                .execute(Tuple.of(workspaceId, flowId, key)).map(this::one);
    }

    /**
     * Stores the outcome of an orchestration in one statement: the new state row (when one was written) and the run's
     * orchestrated columns, with the next version.
     */
    public Uni<Void> writeOrchestration(SqlConnection tx, FlowRunEntity run, State written, OffsetDateTime now) {
        List<Object> args = new ArrayList<>(Arrays.asList(run.workspaceId, run.id(), run.stateId(),
                run.stateType() == null ? null : run.stateType().name(), run.stateName(), run.stateTimestamp(),
                run.runCount(), run.expectedStartTime(), run.nextScheduledStartTime(), run.startTime(), run.endTime(),
                run.totalRunTime(), json(run.empiricalPolicy), now, run.version + 1));
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

    /** Writes the PATCH-able columns as they now are on {@code run}; returns false when the run is gone. */
    public Uni<Boolean> updateFields(SqlConnection tx, FlowRunEntity run, OffsetDateTime now) {
        String sql = "UPDATE flow_run SET name = $3, flow_version = $4, parameters = $5::text::jsonb, "
                + "empirical_policy = $6::text::jsonb, tags = $7, infrastructure_pid = $8, job_variables = $9::text::jsonb, "
                + "labels = $10::text::jsonb, updated = $11, version = $12 WHERE workspace_id = $1 AND id = $2";
        Tuple args = Tuple.from(Arrays.asList(run.workspaceId, run.id(), run.name(), run.flowVersion, json(run.parameters),
                json(run.empiricalPolicy), run.tags().toArray(String[]::new), run.infrastructurePid, json(run.jobVariables),
                json(run.labels), now, run.version + 1));
        run.updated = now;
        run.version++;
        return tx.preparedQuery(sql).execute(args).map(rows -> rows.rowCount() > 0);
    }

    /** Deletes the run (its states and inputs cascade). */
    public Uni<Void> delete(SqlConnection tx, UUID workspaceId, UUID id) {
        return tx.preparedQuery("DELETE FROM flow_run WHERE workspace_id = $1 AND id = $2").execute(Tuple.of(workspaceId, id))
                .replaceWithVoid();
    }

    /** Up to {@code limit} matching runs' ids, newest first (the bulk routes' selection), locked. */
    public Uni<List<UUID>> lockMatchingIds(SqlConnection tx, UUID workspaceId, FlowRunFilter filter, int limit) {
        SqlParams params = new SqlParams();
        String sql = "SELECT fr.id FROM flow_run fr WHERE " + where(params, workspaceId, FlowRunReadRequest.of(filter))
                + " ORDER BY fr.id DESC LIMIT " + params.bind(limit) + " FOR NO KEY UPDATE OF fr";
        return tx.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            List<UUID> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(row.getUUID("id")));
            return ids;
        });
    }

    public Uni<List<UUID>> matchingIds(UUID workspaceId, FlowRunFilter filter, int limit) {
        SqlParams params = new SqlParams();
        String sql = "SELECT fr.id FROM flow_run fr WHERE " + where(params, workspaceId, FlowRunReadRequest.of(filter))
                + " ORDER BY fr.id DESC LIMIT " + params.bind(limit);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            List<UUID> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(row.getUUID("id")));
            return ids;
        });
    }

    /** Detaches subflows from deleted task runs; returns the detached runs (changed, to publish). */
    public Uni<List<FlowRunEntity>> detachSubflows(SqlConnection tx, UUID workspaceId, List<UUID> taskRunIds,
            OffsetDateTime now) {
        if (taskRunIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String sql = "WITH u AS (UPDATE flow_run SET parent_task_run_id = NULL, updated = $3, version = version + 1 "
                + "WHERE workspace_id = $1 AND parent_task_run_id = ANY($2::uuid[]) RETURNING *) SELECT "
                + RUN_COLUMNS + ", " + StateRows.COLUMNS + " FROM u fr LEFT JOIN flow_run_state s ON s.id = fr.state_id";
        return tx.preparedQuery(sql).execute(Tuple.of(workspaceId, taskRunIds.toArray(UUID[]::new), now)).map(this::all);
    }

    /** Deletes the logs of a deleted run (Prefect does this in a background job). */
    public Uni<Void> deleteLogs(SqlConnection tx, UUID workspaceId, UUID flowRunId) {
        return tx.preparedQuery("DELETE FROM log WHERE workspace_id = $1 AND flow_run_id = $2")
                .execute(Tuple.of(workspaceId, flowRunId)).replaceWithVoid();
    }

    /** Flow runs whose parent task run is one of {@code taskRunIds} (subflows shown in their parent's graph). */
    public Uni<List<FlowRunEntity>> subflowsOf(UUID workspaceId, List<UUID> taskRunIds) {
        return pool.preparedQuery(SELECT_RUN + " WHERE fr.workspace_id = $1 AND fr.parent_task_run_id = ANY($2::uuid[])")
                .execute(Tuple.of(workspaceId, taskRunIds.toArray(UUID[]::new))).map(this::all);
    }

    /** One page of a run's logs, oldest first, after the ({@code timestamp}, {@code id}) position given. */
    public Uni<List<LogLine>> logPage(UUID workspaceId, UUID flowRunId, OffsetDateTime afterTimestamp, UUID afterId, int limit) {
        String sql = "SELECT id, timestamp, level, task_run_id, message FROM log WHERE workspace_id = $1 AND flow_run_id = $2 "
                + "AND ($3::timestamptz IS NULL OR (timestamp, id) > ($3, $4)) ORDER BY timestamp, id LIMIT $5";
        return pool.preparedQuery(sql).execute(Tuple.from(Arrays.asList(workspaceId, flowRunId, afterTimestamp, afterId, limit)))
                .map(rows -> {
                    List<LogLine> lines = new ArrayList<>(rows.size());
                    rows.forEach(row -> lines.add(new LogLine(row.getUUID("id"), row.getOffsetDateTime("timestamp"),
                            row.getInteger("level"), row.getUUID("task_run_id"), row.getString("message"))));
                    return lines;
                });
    }

    /** A log of a flow run as the CSV download lists it. */
    public record LogLine(UUID id, OffsetDateTime timestamp, int level, UUID taskRunId, String message) {
    }

    public Uni<List<FlowRunEntity>> filter(UUID workspaceId, FlowRunReadRequest request, int limit, int offset) {
        return filterRows(workspaceId, request, limit, offset).map(this::all);
    }

    /** The rows of {@link #filter}, for {@link FlowRunRowsJson} to write out without loading entities. */
    public Uni<RowSet<Row>> filterRows(UUID workspaceId, FlowRunReadRequest request, int limit, int offset) {
        SqlParams params = new SqlParams();
        String sql = SELECT_RUN + " WHERE " + where(params, workspaceId, request) + " ORDER BY "
                + request.sortOrDefault().orderBy("fr") + " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple());
    }

    public Uni<Long> count(UUID workspaceId, FlowRunReadRequest request) {
        SqlParams params = new SqlParams();
        String sql = "SELECT count(*) FROM flow_run fr WHERE " + where(params, workspaceId, request);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    /** Average lateness in seconds of the matching runs at {@code now}; null when none match. */
    public Uni<Double> lateness(UUID workspaceId, FlowRunReadRequest request, OffsetDateTime now) {
        SqlParams params = new SqlParams();
        String where = where(params, workspaceId, request);
        String sql = "SELECT avg(" + RunHistoryQuery.estimatedLateness("fr", params.bind(now) + "::timestamptz")
                + ") FROM flow_run fr WHERE " + where;
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getDouble(0));
    }

    /** Runs per (state type, state name) in each interval of the history (run-history.md §3). */
    public Uni<List<HistoryResponse>> history(UUID workspaceId, FlowRunHistoryRequest request, OffsetDateTime now) {
        return RunHistoryQuery.run(pool, "flow_run", params -> where(params, workspaceId, request.filters()),
                request.history_start(), request.history_end(), request.history_interval_seconds(), now);
    }

    public Uni<State> findState(UUID workspaceId, UUID stateId) {
        return pool.preparedQuery("SELECT " + StateRows.COLUMNS + " FROM flow_run_state s WHERE s.workspace_id = $1 AND s.id = $2")
                .execute(Tuple.of(workspaceId, stateId))
                .map(rows -> rows.size() == 0 ? null : StateRows.read(rows.iterator().next(), mapper));
    }

    public Uni<List<State>> statesOf(UUID workspaceId, UUID flowRunId) {
        return pool.preparedQuery("SELECT " + StateRows.COLUMNS + " FROM flow_run_state s WHERE s.workspace_id = $1 "
                + "AND s.flow_run_id = $2 ORDER BY s.timestamp").execute(Tuple.of(workspaceId, flowRunId)).map(rows -> {
                    List<State> states = new ArrayList<>(rows.size());
                    rows.forEach(row -> states.add(StateRows.read(row, mapper)));
                    return states;
                });
    }

    @Override
    public Uni<List<OffsetDateTime>> atOrAfter(SqlConnection tx, UUID workspaceId, UUID flowRunId, OffsetDateTime from) {
        return tx.preparedQuery("SELECT timestamp FROM flow_run_state WHERE workspace_id = $1 AND flow_run_id = $2 "
                + "AND timestamp >= $3 ORDER BY timestamp").execute(Tuple.of(workspaceId, flowRunId, from)).map(rows -> {
                    List<OffsetDateTime> taken = new ArrayList<>(rows.size());
                    rows.forEach(row -> taken.add(row.getOffsetDateTime(0)));
                    return taken;
                });
    }

    // --- flow run inputs ---------------------------------------------------------------------------------------

    /** Inserts an input; false when the run does not exist. A duplicate key fails with a unique violation. */
    public Uni<Boolean> insertInput(SqlClient client, UUID workspaceId, UUID flowRunId, UUID id, String key, String value,
            String sender, OffsetDateTime now) {
        String sql = "INSERT INTO flow_run_input (id, workspace_id, created, updated, flow_run_id, key, value, sender) "
                + "SELECT $1, $2, $3, $3, fr.id, $5, $6, $7 FROM flow_run fr WHERE fr.workspace_id = $2 AND fr.id = $4 "
                + "RETURNING id";
        return client.preparedQuery(sql).execute(Tuple.from(Arrays.asList(id, workspaceId, now, flowRunId, key, value, sender)))
                .map(rows -> rows.size() > 0);
    }

    public Uni<List<FlowRunInput>> filterInputs(UUID workspaceId, UUID flowRunId, String prefix, List<String> excludeKeys,
            int limit) {
        String sql = "SELECT id, created, updated, flow_run_id, key, value, sender FROM flow_run_input WHERE workspace_id = $1 "
                + "AND flow_run_id = $2 AND key LIKE $3 AND key <> ALL($4::text[]) ORDER BY created LIMIT $5";
        return pool.preparedQuery(sql).execute(Tuple.of(workspaceId, flowRunId, prefix + "%",
                excludeKeys.toArray(String[]::new), limit)).map(rows -> {
                    List<FlowRunInput> inputs = new ArrayList<>(rows.size());
                    rows.forEach(row -> inputs.add(toInput(row)));
                    return inputs;
                });
    }

    public Uni<FlowRunInput> findInput(SqlClient client, UUID workspaceId, UUID flowRunId, String key) {
        return client.preparedQuery("SELECT id, created, updated, flow_run_id, key, value, sender FROM flow_run_input "
                + "WHERE workspace_id = $1 AND flow_run_id = $2 AND key = $3").execute(Tuple.of(workspaceId, flowRunId, key))
                .map(rows -> rows.size() == 0 ? null : toInput(rows.iterator().next()));
    }

    public Uni<Boolean> deleteInput(UUID workspaceId, UUID flowRunId, String key) {
        return pool.preparedQuery("DELETE FROM flow_run_input WHERE workspace_id = $1 AND flow_run_id = $2 AND key = $3")
                .execute(Tuple.of(workspaceId, flowRunId, key)).map(rows -> rows.rowCount() > 0);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    String where(SqlParams params, UUID workspaceId, FlowRunReadRequest request) {
        Conditions conditions = Conditions.all(params, RunRelations.INSTANCE);
        conditions.add("fr.workspace_id = " + params.bind(workspaceId));
        if (request != null) {
            conditions.nested(request.flow_runs(), "fr");
            // A run has one flow, deployment, queue and pool: one EXISTS each (filters-runs.md §6). What the run's own
            // columns answer (ids; the pool's id and name, which never change) does not wait for a projection.
            FlowFilter flows = request.flows();
            if (flows != null && flows.deployment() == null && flows.name() == null && flows.tags() == null) {
                // only the flow's id: the run's own flow_id answers it
                conditions.nested(flows.operator(), g -> ownIds(g, "fr.flow_id", flows.id() == null ? null : flows.id().any_(),
                        flows.id() == null ? null : flows.id().not_any_()));
            } else {
                ExistsChain.from("fr").projection(RunsProjections.FLOWS, "fr_f", "fr_f.id = fr.flow_id", flows)
                        .addTo(conditions);
            }
            conditions.related("task_runs", "fr", request.task_runs());
            DeploymentFilter deployments = request.deployments();
            if (deployments != null && deployments.name() == null && deployments.flow_or_deployment_name() == null
                    && deployments.paused() == null && deployments.tags() == null && deployments.work_queue_name() == null
                    && deployments.concurrency_limit() == null) {
                // only the deployment's id: the run's own deployment_id answers it (a run without one matches nothing)
                conditions.add("fr.deployment_id IS NOT NULL").nested(deployments.operator(), g -> ownIds(g,
                        "fr.deployment_id", deployments.id() == null ? null : deployments.id().any_(),
                        deployments.id() == null ? null : deployments.id().not_any_()));
            } else {
                ExistsChain.from("fr").projection(RunsProjections.DEPLOYMENTS, "fr_d", "fr_d.id = fr.deployment_id",
                        deployments).addTo(conditions);
            }
            WorkPoolFilter pools = request.work_pools();
            if (pools != null && pools.type() == null) {
                // the pool's id and name: the run's own work_pool_id / work_pool_name, set with its queue (a queue
                // never changes pool, a pool is never renamed; V6 filled the id of runs that carried only the name)
                conditions.add("fr.work_pool_id IS NOT NULL").nested(pools.operator(), g -> g
                        .anyUuid("fr.work_pool_id", pools.id() == null ? null : pools.id().any_())
                        .anyText("fr.work_pool_name", pools.name() == null ? null : pools.name().any_()));
            } else {
                // the pool's type: the run's queue's pool, as projected from the queue
                ExistsChain.from("fr").projection(RunsProjections.WORK_POOL_OF_QUEUE, "fr_wp",
                        "fr_wp.work_queue_id = fr.work_queue_id", pools).addTo(conditions);
            }
            WorkQueueFilter queues = request.work_pool_queues();
            if (queues != null && queues.name() == null) {
                // only the queue's id: the run's own work_queue_id answers it
                conditions.add("fr.work_queue_id IS NOT NULL").nested(queues.operator(), g -> ownIds(g,
                        "fr.work_queue_id", queues.id() == null ? null : queues.id().any_(), null));
            } else {
                // the queue's name (a queue can be renamed): the projected queue
                ExistsChain.from("fr").projection(RunsProjections.WORK_QUEUES, "fr_q", "fr_q.id = fr.work_queue_id",
                        queues).addTo(conditions);
            }
        }
        return conditions.toSql();
    }

    private static void ownIds(Conditions conditions, String column, List<UUID> any, List<UUID> notAny) {
        conditions.anyUuid(column, any).notAnyUuid(column, notAny);
    }

    private FlowRunEntity one(RowSet<Row> rows) {
        return rows.size() == 0 ? null : toEntity(rows.iterator().next());
    }

    List<FlowRunEntity> all(RowSet<Row> rows) {
        List<FlowRunEntity> runs = new ArrayList<>(rows.size());
        rows.forEach(row -> runs.add(toEntity(row)));
        return runs;
    }

    FlowRunEntity toEntity(Row row) {
        FlowRunEntity run = new FlowRunEntity();
        String stateType = row.getString("state_type");
        // the denormalised state columns are the run's own (they equal the state's when it exists)
        run.restore(row.getUUID("id"), row.getString("name"), Arrays.asList(row.getArrayOfStrings("tags")),
                StateRows.read(row, mapper), stateType == null ? null : StateType.valueOf(stateType),
                row.getString("state_name"), row.getOffsetDateTime("state_timestamp"), row.getInteger("run_count"),
                row.getOffsetDateTime("expected_start_time"), row.getOffsetDateTime("next_scheduled_start_time"),
                row.getOffsetDateTime("start_time"), row.getOffsetDateTime("end_time"), row.getDouble("total_run_time"));
        run.workspaceId = row.getUUID("workspace_id");
        run.created = row.getOffsetDateTime("created");
        run.updated = row.getOffsetDateTime("updated");
        run.flowId = row.getUUID("flow_id");
        run.deploymentId = row.getUUID("deployment_id");
        run.deploymentVersion = row.getString("deployment_version");
        run.workQueueId = row.getUUID("work_queue_id");
        run.workQueueName = row.getString("work_queue_name");
        run.workPoolId = row.getUUID("work_pool_id");
        run.workPoolName = row.getString("work_pool_name");
        run.flowVersion = row.getString("flow_version");
        run.parameters = object(row.getString("parameters"));
        run.idempotencyKey = row.getString("idempotency_key");
        run.context = object(row.getString("context"));
        run.empiricalPolicy = read(row.getString("empirical_policy"), FlowRunPolicy.class, FlowRunPolicy.DEFAULTS);
        run.labels = object(row.getString("labels"));
        run.parentTaskRunId = row.getUUID("parent_task_run_id");
        run.autoScheduled = row.getBoolean("auto_scheduled");
        run.infrastructureDocumentId = row.getUUID("infrastructure_document_id");
        run.infrastructurePid = row.getString("infrastructure_pid");
        run.createdBy = object(row.getString("created_by"));
        run.jobVariables = object(row.getString("job_variables"));
        run.version = row.getLong("version");
        return run;
    }

    private FlowRunInput toInput(Row row) {
        return new FlowRunInput(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getUUID("flow_run_id"), row.getString("key"), row.getString("value"), row.getString("sender"));
    }

    private ObjectNode object(String json) {
        JsonNode node = StateRows.parse(mapper, json);
        return node instanceof ObjectNode object ? object : null;
    }

    private <T> T read(String json, Class<T> type, T fallback) {
        if (json == null) {
            return fallback;
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    String json(Object value) {
        return StateRows.json(mapper, value);
    }
}
