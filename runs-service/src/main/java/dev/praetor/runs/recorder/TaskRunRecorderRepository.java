package dev.praetor.runs.recorder;

import com.fasterxml.jackson.databind.node.ArrayNode;
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

/**
 * The recorder's SQL over {@code task_run} and {@code task_run_state}. Rows travel as one JSON array parameter read
 * with {@code jsonb_to_recordset}: a key the event does not carry is NULL there, and an update keeps the stored
 * value for it (the client leaves out null fields). Every statement is scoped by workspace.
 */
@ApplicationScoped
public class TaskRunRecorderRepository {

    /** An existing task run's identities. */
    record ExistingTaskRun(UUID workspaceId, UUID id, UUID flowRunId, String taskKey, String dynamicKey) {
    }

    private static final String ROW_TYPES = """
            r(id uuid, workspace_id uuid, name text, flow_run_id uuid, task_key text, dynamic_key text, cache_key text,
              cache_expiration timestamptz, task_version text, empirical_policy jsonb, tags jsonb, labels jsonb,
              task_inputs jsonb, state_id uuid, state_type text, state_name text, state_timestamp timestamptz,
              run_count integer, flow_run_run_count integer, expected_start_time timestamptz,
              next_scheduled_start_time timestamptz, start_time timestamptz, end_time timestamptz,
              total_run_time double precision)""";

    /** The task run as its snapshot shows it; jsonb columns as text for Jackson. */
    static final String RETURNED = """
            t.workspace_id, t.id, t.created, t.updated, t.name, t.flow_run_id, t.task_key, t.dynamic_key, t.cache_key,
            t.cache_expiration, t.task_version, t.empirical_policy::text AS empirical_policy, t.tags,
            t.labels::text AS labels, t.state_id, t.task_inputs::text AS task_inputs, t.state_type, t.state_name,
            t.state_timestamp, t.run_count, t.flow_run_run_count, t.expected_start_time, t.next_scheduled_start_time,
            t.start_time, t.end_time, t.total_run_time, t.version""";

    /**
     * Rows that hold any of the ids or natural keys. The natural-key index treats NULL flow runs as equal
     * (autonomous task runs), so those keys are looked up with {@code IS NULL}, which the index serves.
     */
    private static final String FIND_EXISTING = """
            SELECT t.workspace_id, t.id, t.flow_run_id, t.task_key, t.dynamic_key FROM task_run t
              JOIN unnest($1::uuid[], $2::uuid[]) AS k(workspace_id, id)
                ON t.workspace_id = k.workspace_id AND t.id = k.id
            UNION
            SELECT t.workspace_id, t.id, t.flow_run_id, t.task_key, t.dynamic_key FROM task_run t
              JOIN unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[]) AS k(workspace_id, flow_run_id, task_key, dynamic_key)
                ON t.workspace_id = k.workspace_id AND t.flow_run_id = k.flow_run_id AND t.task_key = k.task_key
               AND t.dynamic_key = k.dynamic_key
            UNION
            SELECT t.workspace_id, t.id, t.flow_run_id, t.task_key, t.dynamic_key FROM task_run t
              JOIN unnest($7::uuid[], $8::text[], $9::text[]) AS k(workspace_id, task_key, dynamic_key)
                ON t.workspace_id = k.workspace_id AND t.flow_run_id IS NULL AND t.task_key = k.task_key
               AND t.dynamic_key = k.dynamic_key""";

    /** New task runs; a row that another writer inserted meanwhile is skipped (the caller retries the batch). */
    private static final String INSERT = """
            INSERT INTO task_run AS t (id, workspace_id, created, updated, name, flow_run_id, task_key, dynamic_key,
                cache_key, cache_expiration, task_version, empirical_policy, tags, labels, task_inputs, state_id,
                state_type, state_name, state_timestamp, run_count, flow_run_run_count, expected_start_time,
                next_scheduled_start_time, start_time, end_time, total_run_time, version)
            SELECT r.id, r.workspace_id, now(), now(), COALESCE(r.name, r.task_key), r.flow_run_id, r.task_key,
                   r.dynamic_key, r.cache_key, r.cache_expiration, r.task_version, COALESCE(r.empirical_policy, '{}'),
                   ARRAY(SELECT jsonb_array_elements_text(r.tags)), COALESCE(r.labels, '{}'),
                   COALESCE(r.task_inputs, '{}'), r.state_id, r.state_type, r.state_name, r.state_timestamp,
                   COALESCE(r.run_count, 0), COALESCE(r.flow_run_run_count, 0), r.expected_start_time,
                   r.next_scheduled_start_time, r.start_time, r.end_time, COALESCE(r.total_run_time, 0), 1
              FROM jsonb_to_recordset($1::text::jsonb) AS %s
            ON CONFLICT DO NOTHING
            RETURNING %s""".formatted(ROW_TYPES, RETURNED);

    /**
     * Newest state wins: a stored row changes only for a newer state timestamp, so late and repeated events leave it
     * as it is. Columns the event does not carry keep their values; the flow run is the event's.
     */
    private static final String UPDATE = """
            UPDATE task_run AS t SET
                updated = now(), version = t.version + 1,
                name = COALESCE(r.name, t.name), flow_run_id = r.flow_run_id, task_key = COALESCE(r.task_key, t.task_key),
                dynamic_key = COALESCE(r.dynamic_key, t.dynamic_key), cache_key = COALESCE(r.cache_key, t.cache_key),
                cache_expiration = COALESCE(r.cache_expiration, t.cache_expiration),
                task_version = COALESCE(r.task_version, t.task_version),
                empirical_policy = COALESCE(r.empirical_policy, t.empirical_policy),
                tags = CASE WHEN r.tags IS NULL THEN t.tags ELSE ARRAY(SELECT jsonb_array_elements_text(r.tags)) END,
                labels = COALESCE(r.labels, t.labels), task_inputs = COALESCE(r.task_inputs, t.task_inputs),
                state_id = r.state_id, state_type = r.state_type, state_name = r.state_name,
                state_timestamp = r.state_timestamp, run_count = COALESCE(r.run_count, t.run_count),
                flow_run_run_count = COALESCE(r.flow_run_run_count, t.flow_run_run_count),
                expected_start_time = COALESCE(r.expected_start_time, t.expected_start_time),
                next_scheduled_start_time = COALESCE(r.next_scheduled_start_time, t.next_scheduled_start_time),
                start_time = COALESCE(r.start_time, t.start_time), end_time = COALESCE(r.end_time, t.end_time),
                total_run_time = COALESCE(r.total_run_time, t.total_run_time)
              FROM jsonb_to_recordset($1::text::jsonb) AS %s
             WHERE t.workspace_id = r.workspace_id AND t.id = r.id
               AND (t.state_timestamp IS NULL OR t.state_timestamp < r.state_timestamp)
            RETURNING %s""".formatted(ROW_TYPES, RETURNED);

    /** The state history: one row per event (its id), a repeated event adds nothing. */
    private static final String INSERT_STATES = """
            INSERT INTO task_run_state (id, workspace_id, task_run_id, type, name, timestamp, message, data, state_details)
            SELECT s.id, s.workspace_id, s.task_run_id, s.type, s.name, s.timestamp, s.message, s.data, s.state_details
              FROM jsonb_to_recordset($1::text::jsonb) AS s(id uuid, workspace_id uuid, task_run_id uuid, type text, name text,
                   timestamp timestamptz, message text, data jsonb, state_details jsonb)
            ON CONFLICT (id) DO NOTHING""";

    @Inject
    Pool pool;

    public Pool pool() {
        return pool;
    }

    Uni<List<ExistingTaskRun>> findExisting(SqlClient client, List<TaskRunEvent> events) {
        List<UUID> idWorkspaces = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<UUID> keyWorkspaces = new ArrayList<>();
        List<UUID> keyFlowRuns = new ArrayList<>();
        List<String> keyTasks = new ArrayList<>();
        List<String> keyDynamics = new ArrayList<>();
        List<UUID> autonomousWorkspaces = new ArrayList<>();
        List<String> autonomousTasks = new ArrayList<>();
        List<String> autonomousDynamics = new ArrayList<>();
        for (TaskRunEvent event : events) {
            idWorkspaces.add(event.workspaceId());
            ids.add(event.taskRunId());
            if (event.flowRunId() != null) {
                keyWorkspaces.add(event.workspaceId());
                keyFlowRuns.add(event.flowRunId());
                keyTasks.add(event.taskKey());
                keyDynamics.add(event.dynamicKey());
            } else {
                autonomousWorkspaces.add(event.workspaceId());
                autonomousTasks.add(event.taskKey());
                autonomousDynamics.add(event.dynamicKey());
            }
        }
        Tuple params = Tuple.tuple().addArrayOfUUID(idWorkspaces.toArray(UUID[]::new))
                .addArrayOfUUID(ids.toArray(UUID[]::new))
                .addArrayOfUUID(keyWorkspaces.toArray(UUID[]::new)).addArrayOfUUID(keyFlowRuns.toArray(UUID[]::new))
                .addArrayOfString(keyTasks.toArray(String[]::new)).addArrayOfString(keyDynamics.toArray(String[]::new))
                .addArrayOfUUID(autonomousWorkspaces.toArray(UUID[]::new))
                .addArrayOfString(autonomousTasks.toArray(String[]::new))
                .addArrayOfString(autonomousDynamics.toArray(String[]::new));
        return client.preparedQuery(FIND_EXISTING).execute(params).map(rows -> {
            List<ExistingTaskRun> existing = new ArrayList<>(rows.size());
            for (Row row : rows) {
                existing.add(new ExistingTaskRun(row.getUUID("workspace_id"), row.getUUID("id"),
                        row.getUUID("flow_run_id"), row.getString("task_key"), row.getString("dynamic_key")));
            }
            return existing;
        });
    }

    /** Inserts the rows (JSON objects with an {@code id}); returns the rows it inserted. */
    Uni<List<Row>> insert(SqlClient client, ArrayNode rows) {
        return execute(client, INSERT, rows);
    }

    /** Applies the rows to the stored task runs they name where they are newer; returns the rows it changed. */
    Uni<List<Row>> update(SqlClient client, ArrayNode rows) {
        return execute(client, UPDATE, rows);
    }

    Uni<Void> insertStates(SqlClient client, ArrayNode states) {
        return execute(client, INSERT_STATES, states).replaceWithVoid();
    }

    /** The text parameter is cast in SQL: the driver would send a Java string for a jsonb parameter as a JSON string. */
    private static Uni<List<Row>> execute(SqlClient client, String sql, ArrayNode rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return client.preparedQuery(sql).execute(Tuple.of(rows.toString())).map(set -> {
            List<Row> returned = new ArrayList<>(set.size());
            set.forEach(returned::add);
            return returned;
        });
    }
}
