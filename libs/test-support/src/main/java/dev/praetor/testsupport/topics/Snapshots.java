package dev.praetor.testsupport.topics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.events.SnapshotRecord;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Snapshot records as the owners publish them on their topics (the {@code data} shapes of README "Data crossing
 * services", which {@code ProjectionTables} reads): flows-service's {@code Flow} on {@code flows}; runs-service's
 * {@code FlowRunResponse} on {@code flow-runs} and {@code TaskRun} on {@code task-runs}; deployments-service's
 * {@code DeploymentResponse + flow_name} on {@code deployments} and {@code WorkQueueResponse + work_pool_type} on
 * {@code work-queues} (work pools travel inside their queues' snapshots). Every field the owners write is present, so
 * a projection that starts reading another field sees a realistic value.
 */
public final class Snapshots {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Snapshots() {
    }

    /** flows-service's flow snapshot ({@code Flow}). */
    public static SnapshotRecord flow(UUID ws, UUID id, long version, String name, List<String> tags) {
        ObjectNode flow = JSON.objectNode();
        flow.put("id", id.toString()).put("created", now()).put("updated", now()).put("name", name);
        tags.forEach(flow.putArray("tags")::add);
        flow.putObject("labels");
        return new SnapshotRecord("flows", id.toString(), ws, version, flow);
    }

    /** runs-service's flow-run snapshot ({@code FlowRunResponse}), in state {@code type}. */
    public static SnapshotRecord flowRun(UUID ws, UUID id, long version, UUID flowId, String type, UUID deploymentId,
            List<String> tags) {
        ObjectNode run = JSON.objectNode();
        ObjectNode state = state(type);
        run.put("id", id.toString()).put("created", now()).put("updated", now()).put("name", "run-" + id)
                .put("flow_id", flowId.toString()).put("state_id", state.get("id").asText())
                .put("deployment_id", deploymentId == null ? null : deploymentId.toString())
                .put("deployment_version", (String) null).put("work_queue_id", (String) null)
                .put("work_queue_name", (String) null).put("flow_version", "1.0");
        run.putObject("parameters");
        run.put("idempotency_key", (String) null);
        run.putObject("context");
        run.putObject("empirical_policy").put("retries", 0).put("retry_delay", 0);
        tags.forEach(run.putArray("tags")::add);
        run.putObject("labels");
        run.put("parent_task_run_id", (String) null).put("state_type", type).put("state_name", stateName(type))
                .put("run_count", 1).put("expected_start_time", now()).put("next_scheduled_start_time", (String) null)
                .put("start_time", now()).put("end_time", (String) null).put("total_run_time", 0.0)
                .put("estimated_run_time", 0.0).put("estimated_start_time_delta", 0.0).put("auto_scheduled", false)
                .put("infrastructure_document_id", (String) null).put("infrastructure_pid", (String) null)
                .put("created_by", (String) null).put("work_pool_id", (String) null)
                .put("work_pool_name", (String) null);
        run.set("state", state);
        run.putObject("job_variables");
        return new SnapshotRecord("flow-runs", id.toString(), ws, version, run);
    }

    /** runs-service's task-run snapshot ({@code TaskRun}), in state {@code type}. */
    public static SnapshotRecord taskRun(UUID ws, UUID id, long version, UUID flowRunId, String type,
            List<String> tags) {
        ObjectNode task = JSON.objectNode();
        ObjectNode state = state(type);
        task.put("id", id.toString()).put("created", now()).put("updated", now()).put("name", "task-" + id)
                .put("flow_run_id", flowRunId.toString()).put("task_key", "k").put("dynamic_key", "0")
                .put("cache_key", (String) null).put("cache_expiration", (String) null)
                .put("task_version", (String) null);
        task.putObject("empirical_policy");
        tags.forEach(task.putArray("tags")::add);
        task.putObject("labels");
        task.put("state_id", state.get("id").asText());
        task.putObject("task_inputs");
        task.put("state_type", type).put("state_name", stateName(type)).put("run_count", 1)
                .put("flow_run_run_count", 1).put("expected_start_time", now())
                .put("next_scheduled_start_time", (String) null).put("start_time", now()).put("end_time", (String) null)
                .put("total_run_time", 0.0).put("estimated_run_time", 0.0).put("estimated_start_time_delta", 0.0);
        task.set("state", state);
        return new SnapshotRecord("task-runs", id.toString(), ws, version, task);
    }

    /** deployments-service's deployment snapshot ({@code DeploymentResponse} + {@code flow_name}). */
    public static SnapshotRecord deployment(UUID ws, UUID id, long version, UUID flowId, String flowName, String name,
            boolean paused, List<String> tags, UUID workQueueId, String workQueueName, String workPoolName) {
        ObjectNode d = JSON.objectNode();
        d.put("id", id.toString()).put("created", now()).put("updated", now()).put("name", name)
                .put("version", (String) null).put("description", (String) null).put("flow_id", flowId.toString())
                .put("paused", paused);
        d.putArray("schedules");
        d.put("concurrency_limit", (String) null).put("global_concurrency_limit", (String) null)
                .put("concurrency_options", (String) null);
        d.putObject("job_variables");
        d.putObject("parameters");
        tags.forEach(d.putArray("tags")::add);
        d.putObject("labels");
        d.put("work_queue_name", workQueueName).put("work_queue_id", workQueueId == null ? null : workQueueId.toString())
                .put("last_polled", (String) null).put("parameter_openapi_schema", (String) null)
                .put("path", (String) null).put("pull_steps", (String) null).put("entrypoint", (String) null)
                .put("storage_document_id", (String) null).put("infrastructure_document_id", (String) null)
                .put("created_by", (String) null).put("updated_by", (String) null).put("work_pool_name", workPoolName)
                .put("status", "NOT_READY").put("enforce_parameter_schema", true).put("flow_name", flowName);
        return new SnapshotRecord("deployments", id.toString(), ws, version, d);
    }

    /** deployments-service's work-queue snapshot ({@code WorkQueueResponse} + {@code work_pool_type}). */
    public static SnapshotRecord workQueue(UUID ws, UUID id, long version, String name, UUID poolId, String poolName,
            String poolType) {
        ObjectNode q = JSON.objectNode();
        q.put("id", id.toString()).put("created", now()).put("updated", now()).put("name", name)
                .put("description", "").put("is_paused", false).put("concurrency_limit", (Integer) null)
                .put("priority", 1).put("work_pool_id", poolId.toString()).put("filter", (String) null)
                .put("last_polled", (String) null).put("work_pool_name", poolName).put("status", "NOT_READY")
                .put("work_pool_type", poolType);
        return new SnapshotRecord("work-queues", id.toString(), ws, version, q);
    }

    /** The owner's deletion of entity {@code id} on {@code topic}. */
    public static SnapshotRecord tombstone(String topic, UUID ws, UUID id, long version) {
        return SnapshotRecord.tombstone(topic, id.toString(), ws, version);
    }

    private static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }

    private static ObjectNode state(String type) {
        ObjectNode state = JSON.objectNode();
        state.put("id", UUID.randomUUID().toString()).put("type", type).put("name", stateName(type))
                .put("timestamp", now()).put("message", (String) null);
        state.putObject("state_details");
        return state;
    }

    /** The default name of a state type, as Prefect gives it: {@code FAILED} -> {@code Failed}. */
    private static String stateName(String type) {
        return type.charAt(0) + type.substring(1).toLowerCase(Locale.ROOT);
    }
}
