package dev.praetor.runs.recorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.rest.json.PrefectDateTimes;
import dev.praetor.rest.json.Uuids;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

/**
 * What one client task-run state event says (task-runs.md §5, client-contract.md §2.3): the task run it is about,
 * its flow run, the new state, and the task-run columns the client sent in {@code payload.task_run}.
 *
 * @param row the columns to write, typed for {@code jsonb_to_recordset} (see {@link TaskRunRecorderRepository}):
 *            only the ones the event carries, plus the denormalised state columns; the row id is set once the
 *            recorder knows which row the event is about
 * @param state the state as stored in {@code task_run_state} and served in {@code TaskRun.state}
 */
record TaskRunEvent(UUID workspaceId, UUID eventId, UUID taskRunId, UUID flowRunId, String taskKey,
        String dynamicKey, OffsetDateTime stateTimestamp, ObjectNode row, ObjectNode state) {

    static final String PREFIX = "prefect.task-run";
    private static final String TASK_RUN_RESOURCE = "prefect.task-run.";
    private static final String FLOW_RUN_RESOURCE = "prefect.flow-run.";
    private static final Set<String> STATE_TYPES = Set.of("SCHEDULED", "PENDING", "RUNNING", "COMPLETED", "FAILED",
            "CANCELLED", "CRASHED", "PAUSED", "CANCELLING");
    /** Prefect's StateDetails with its defaults; stored states carry every key, as Prefect's do. */
    private static final ObjectNode STATE_DETAILS_DEFAULTS = JsonNodeFactory.instance.objectNode()
            .putNull("flow_run_id").putNull("task_run_id").putNull("child_flow_run_id").putNull("scheduled_time")
            .putNull("cache_key").putNull("cache_expiration").put("deferred", false).put("untrackable_result", false)
            .putNull("pause_timeout").put("pause_reschedule", false).putNull("pause_key").putNull("run_input_keyset")
            .putNull("refresh_cache").putNull("retriable").putNull("transition_id").putNull("task_parameters_id")
            .putNull("traceparent").putNull("deployment_concurrency_lease_id");

    /** The event is not a client task-run event: the recorder leaves it alone. */
    static boolean isRecordable(JsonNode event) {
        return event.path("event").asText("").startsWith(PREFIX)
                && "client".equals(event.path("resource").path("prefect.orchestration").asText(null));
    }

    /**
     * Reads a recordable event published on the {@code events} topic.
     *
     * @throws IllegalArgumentException when the event lacks what a task run needs
     */
    static TaskRunEvent from(SnapshotRecord record) {
        JsonNode event = record.data();
        UUID eventId = uuid(event.path("id"), "id");
        OffsetDateTime occurred = datetime(event.path("occurred"), "occurred");
        UUID taskRunId = resourceUuid(event.path("resource").path("prefect.resource.id").asText(""), TASK_RUN_RESOURCE);
        UUID flowRunId = null;
        for (JsonNode related : event.path("related")) {
            if ("flow-run".equals(related.path("prefect.resource.role").asText(null))) {
                flowRunId = resourceUuid(related.path("prefect.resource.id").asText(""), FLOW_RUN_RESOURCE);
                break;
            }
        }
        JsonNode payload = event.path("payload");
        JsonNode taskRun = payload.path("task_run");
        JsonNode validated = payload.path("validated_state");
        if (!taskRun.isObject() || !validated.isObject()) {
            throw new IllegalArgumentException("payload lacks task_run or validated_state");
        }
        ObjectNode state = state(eventId, occurred, validated, taskRunId, flowRunId);
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        row.put("workspace_id", record.workspaceId().toString());
        row.put("flow_run_id", flowRunId == null ? null : flowRunId.toString());
        String taskKey = text(taskRun, "task_key", row, true);
        String dynamicKey = text(taskRun, "dynamic_key", row, true);
        text(taskRun, "name", row, false);
        text(taskRun, "cache_key", row, false);
        text(taskRun, "task_version", row, false);
        for (String column : new String[] {"cache_expiration", "expected_start_time", "next_scheduled_start_time",
                "start_time", "end_time"}) {
            if (present(taskRun, column)) {
                row.put(column, PrefectDateTimes.format(datetime(taskRun.get(column), column)));
            }
        }
        for (String column : new String[] {"run_count", "flow_run_run_count"}) {
            if (present(taskRun, column)) {
                if (!taskRun.get(column).canConvertToInt() || !taskRun.get(column).isIntegralNumber()) {
                    throw new IllegalArgumentException(column + " is not an integer");
                }
                row.put(column, taskRun.get(column).intValue());
            }
        }
        if (present(taskRun, "total_run_time")) {
            if (!taskRun.get("total_run_time").isNumber()) {
                throw new IllegalArgumentException("total_run_time is not a number");
            }
            row.put("total_run_time", taskRun.get("total_run_time").doubleValue());
        }
        for (String column : new String[] {"empirical_policy", "labels", "task_inputs"}) {
            if (present(taskRun, column)) {
                if (!taskRun.get(column).isObject()) {
                    throw new IllegalArgumentException(column + " is not an object");
                }
                row.set(column, taskRun.get(column));
            }
        }
        if (present(taskRun, "tags")) {
            JsonNode tags = taskRun.get("tags");
            if (!tags.isArray()) {
                throw new IllegalArgumentException("tags is not a list");
            }
            tags.forEach(tag -> {
                if (!tag.isTextual()) {
                    throw new IllegalArgumentException("a tag is not a string");
                }
            });
            row.set("tags", tags);
        }
        row.put("state_id", eventId.toString()).put("state_type", state.get("type").textValue())
                .put("state_name", state.get("name").textValue())
                .put("state_timestamp", PrefectDateTimes.format(occurred));
        return new TaskRunEvent(record.workspaceId(), eventId, taskRunId, flowRunId, taskKey, dynamicKey, occurred, row,
                state);
    }

    /** The state: {@code payload.validated_state} with the event's id and time, and the run ids in its details. */
    private static ObjectNode state(UUID eventId, OffsetDateTime occurred, JsonNode validated, UUID taskRunId,
            UUID flowRunId) {
        String type = validated.path("type").asText("");
        if (!STATE_TYPES.contains(type)) {
            throw new IllegalArgumentException("validated_state has no valid type");
        }
        JsonNode name = validated.path("name");
        ObjectNode details = STATE_DETAILS_DEFAULTS.deepCopy();
        if (validated.path("state_details").isObject()) {
            details.setAll((ObjectNode) validated.get("state_details"));
        }
        details.put("task_run_id", taskRunId.toString()).put("flow_run_id", flowRunId == null ? null : flowRunId.toString());
        ObjectNode state = JsonNodeFactory.instance.objectNode();
        state.put("id", eventId.toString()).put("type", type)
                .put("name", name.isTextual() ? name.textValue() : defaultName(type))
                .put("timestamp", PrefectDateTimes.format(occurred));
        state.set("message", validated.path("message").isTextual() ? validated.get("message") : null);
        state.set("data", validated.has("data") ? validated.get("data") : null);
        state.set("state_details", details);
        return state;
    }

    /** Prefect names a state after its type when no name is given: {@code CANCELLING} → {@code Cancelling}. */
    private static String defaultName(String type) {
        return type.charAt(0) + type.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean present(JsonNode object, String field) {
        return object.hasNonNull(field);
    }

    private static String text(JsonNode taskRun, String field, ObjectNode row, boolean required) {
        JsonNode value = taskRun.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException("task_run lacks " + field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        String text = value.textValue().replace("\u0000", ""); // PostgreSQL cannot store NUL in text
        row.put(field, text);
        return text;
    }

    private static UUID uuid(JsonNode node, String field) {
        UUID id = node.isTextual() ? Uuids.parseLenient(node.textValue()) : null;
        if (id == null) {
            throw new IllegalArgumentException(field + " is not a UUID");
        }
        return id;
    }

    private static UUID resourceUuid(String resourceId, String prefix) {
        UUID id = resourceId.startsWith(prefix) ? Uuids.parseLenient(resourceId.substring(prefix.length())) : null;
        if (id == null) {
            throw new IllegalArgumentException("resource id " + resourceId + " is not " + prefix + "<uuid>");
        }
        return id;
    }

    private static OffsetDateTime datetime(JsonNode node, String field) {
        try {
            if (node.isTextual()) {
                return PrefectDateTimes.parse(node.textValue());
            }
            if (node.isNumber()) {
                return PrefectDateTimes.fromEpochSeconds(node.decimalValue());
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException(field + " is not a datetime");
    }

    /** The identity key of the task run by id. */
    Key idKey() {
        return new Key(workspaceId, taskRunId, null, null, null);
    }

    /** The natural key: (flow run, task key, dynamic key); autonomous task runs have a null flow run. */
    Key naturalKey() {
        return new Key(workspaceId, null, flowRunId, taskKey, dynamicKey);
    }

    /** Either identity of a task run row within a workspace (one of the two forms). */
    record Key(UUID workspaceId, UUID id, UUID flowRunId, String taskKey, String dynamicKey) {
    }
}
