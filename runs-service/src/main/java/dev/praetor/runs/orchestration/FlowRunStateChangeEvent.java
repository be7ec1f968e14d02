package dev.praetor.runs.orchestration;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.rest.filters.StateType;
import dev.praetor.rest.json.PrefectDateTimes;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.states.State;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The Prefect event {@code prefect.flow-run.<state name>} for a written flow-run state (other-resources.md §6.1), as
 * Prefect's server builds it ({@code flow_run_state_change_event}): the event id is the new state's id, which orders
 * a run's state-change events. Related resources are those the run's own columns name; names of objects owned by
 * other services (the flow, the deployment) are left out rather than looked up on this hot path.
 */
public final class FlowRunStateChangeEvent {
    /** The topic of Prefect events. */
    public static final String TOPIC = "events";
    /** Prefect truncates state messages in events to keep them small. */
    static final int TRUNCATE_STATE_MESSAGES_AT = 100_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FlowRunStateChangeEvent() {
    }

    public static SnapshotRecord of(UUID workspaceId, FlowRunEntity run, State initial, State validated) {
        UUID eventId = validated.id();
        ObjectNode event = JSON.objectNode();
        event.put("id", eventId.toString());
        event.put("occurred", PrefectDateTimes.format(validated.timestamp()));
        event.put("event", "prefect.flow-run." + validated.name());
        ObjectNode resource = event.putObject("resource");
        resource.put("prefect.resource.id", "prefect.flow-run." + run.id());
        resource.put("prefect.resource.name", run.name());
        resource.put("prefect.run-count", Integer.toString(run.runCount()));
        resource.put("prefect.state-message", truncated(validated.message()));
        resource.put("prefect.state-name", validated.name() == null ? "" : validated.name());
        resource.put("prefect.state-timestamp", pythonIsoFormat(validated.timestamp()));
        resource.put("prefect.state-type", validated.type().name());
        event.set("related", related(run));
        ObjectNode payload = event.putObject("payload");
        ObjectNode intended = payload.putObject("intended");
        intended.put("from", initial == null ? null : initial.type().name());
        intended.put("to", validated.type().name());
        payload.set("initial_state", statePayload(initial));
        payload.set("validated_state", statePayload(validated));
        event.putNull("follows");
        return new SnapshotRecord(TOPIC, eventId.toString(), workspaceId, 1, event);
    }

    private static ArrayNode related(FlowRunEntity run) {
        ArrayNode related = JSON.arrayNode();
        related.add(resource("prefect.flow." + run.flowId(), "flow", null));
        if (run.deploymentId() != null) {
            related.add(resource("prefect.deployment." + run.deploymentId(), "deployment", null));
        }
        if (run.workQueueId() != null) {
            related.add(resource("prefect.work-queue." + run.workQueueId(), "work-queue", run.workQueueName()));
        }
        if (run.workPoolId() != null) {
            related.add(resource("prefect.work-pool." + run.workPoolId(), "work-pool", run.workPoolName()));
        }
        if (run.parentTaskRunId() != null) {
            related.add(resource("prefect.task-run." + run.parentTaskRunId(), "task-run", null));
        }
        for (String tag : new TreeSet<>(run.tags())) {
            related.add(resource("prefect.tag." + tag, "tag", null));
        }
        ObjectNode creator = creator(run);
        if (creator != null) {
            related.add(creator);
        }
        return related;
    }

    /** Runs created by a deployment or an automation name their creator (Prefect's provenance resources). */
    private static ObjectNode creator(FlowRunEntity run) {
        ObjectNode createdBy = run.createdBy();
        if (createdBy == null || !createdBy.hasNonNull("id")) {
            return null;
        }
        String type = createdBy.path("type").asText("");
        String kind = switch (type) {
            case "DEPLOYMENT" -> "deployment";
            case "AUTOMATION" -> "automation";
            default -> null;
        };
        if (kind == null) {
            return null;
        }
        ObjectNode creator = JSON.objectNode();
        creator.put("prefect.resource.id", "prefect." + kind + "." + createdBy.get("id").asText());
        creator.put("prefect.resource.role", "creator");
        if (createdBy.hasNonNull("display_value")) {
            creator.put("prefect.resource.name", createdBy.get("display_value").asText());
        }
        return creator;
    }

    private static ObjectNode resource(String id, String role, String name) {
        ObjectNode resource = JSON.objectNode();
        resource.put("prefect.resource.id", id);
        resource.put("prefect.resource.role", role);
        if (name != null) {
            resource.put("prefect.resource.name", name);
        }
        return resource;
    }

    private static ObjectNode statePayload(State state) {
        if (state == null) {
            return null;
        }
        ObjectNode payload = JSON.objectNode();
        payload.put("type", state.type().name());
        if (state.name() != null && !state.name().isEmpty()) {
            payload.put("name", state.name());
        }
        if (state.message() != null && !state.message().isEmpty()) {
            payload.put("message", truncated(state.message()));
        }
        if (state.hasType(StateType.PAUSED)) {
            payload.put("pause_reschedule", Boolean.toString(state.state_details().pause_reschedule()));
        }
        return payload;
    }

    /** Prefect's {@code truncated_to}: keeps both ends of an over-long text and says how much was cut. */
    static String truncated(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        int length = value.codePointCount(0, value.length());
        if (length <= TRUNCATE_STATE_MESSAGES_AT) {
            return value;
        }
        int half = TRUNCATE_STATE_MESSAGES_AT / 2;
        String beginning = value.substring(0, value.offsetByCodePoints(0, half));
        String end = value.substring(value.offsetByCodePoints(value.length(), -half));
        int omitted = length - 2 * half;
        String proposed = beginning + "..." + omitted + " additional characters..." + end;
        return proposed.length() < value.length() ? proposed : value;
    }

    /** Python's {@code datetime.isoformat()}: {@code +00:00} offset, microseconds only when non-zero. */
    private static String pythonIsoFormat(OffsetDateTime value) {
        String pattern = value.getNano() / 1000 == 0 ? "yyyy-MM-dd'T'HH:mm:ssxxx" : "yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx";
        return value.format(DateTimeFormatter.ofPattern(pattern));
    }
}
