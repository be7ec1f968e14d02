package dev.praetor.runs.states;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.filters.StateType;
import dev.praetor.rest.json.Uuids;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Prefect's {@code State} (states-and-orchestration.md §1.2): every field is always present; {@code name} defaults
 * from the type and {@code state_details} from {@link StateDetails#DEFAULTS}. Immutable: the {@code with…} methods
 * return changed copies.
 */
@JsonPropertyOrder({"id", "type", "name", "timestamp", "message", "data", "state_details"})
public record State(UUID id, StateType type, String name, OffsetDateTime timestamp, String message, JsonNode data,
        StateDetails state_details) {

    public State {
        if (name == null && type != null) {
            name = StateTypes.defaultName(type);
        }
        if (state_details == null) {
            state_details = StateDetails.DEFAULTS;
        }
        if (data != null && (data.isNull() || data.isMissingNode())) {
            data = null;
        }
    }

    /** A server-made state (a rule's replacement): new id, stamped {@code now}. */
    public static State create(StateType type, String name, String message, JsonNode data, StateDetails details,
            OffsetDateTime now) {
        return new State(Uuids.timeOrdered(), type, name, now, message, data, details);
    }

    /** A {@code Scheduled} state (or a named variant such as {@code AwaitingRetry}) for {@code scheduledTime}. */
    public static State scheduled(String name, OffsetDateTime scheduledTime, String message, JsonNode data,
            OffsetDateTime now) {
        return create(StateType.SCHEDULED, name, message, data, StateDetails.builder().scheduledTime(scheduledTime).build(), now);
    }

    public static State of(StateType type, String name, String message, OffsetDateTime now) {
        return create(type, name, message, null, StateDetails.DEFAULTS, now);
    }

    public boolean hasType(StateType candidate) {
        return type == candidate;
    }

    public boolean terminal() {
        return StateTypes.isTerminal(type);
    }

    /**
     * "Has a persisted result" (§1.5): {@code data} is a JSON object whose {@code type} is not {@code "unpersisted"}.
     */
    public boolean hasPersistedResult() {
        return hasPersistedResult(data);
    }

    public static boolean hasPersistedResult(JsonNode data) {
        return data != null && data.isObject() && !"unpersisted".equals(data.path("type").asText(null));
    }

    /** The data as stored: Prefect does not keep {@code {"type": "unpersisted"}} payloads (it only echoes them). */
    public JsonNode storedData() {
        if (data != null && data.isObject() && "unpersisted".equals(data.path("type").asText(null))) {
            return null;
        }
        return data;
    }

    /** A copy with a new id and timestamp (Prefect's {@code fresh_copy}). */
    public State freshCopy(OffsetDateTime now) {
        return new State(Uuids.timeOrdered(), type, name, now, message, data, state_details);
    }

    public State withName(String newName) {
        return new State(id, type, newName, timestamp, message, data, state_details);
    }

    public State withTimestamp(OffsetDateTime newTimestamp) {
        return new State(id, type, name, newTimestamp, message, data, state_details);
    }

    public State withData(JsonNode newData) {
        return new State(id, type, name, timestamp, message, newData, state_details);
    }

    public State withDetails(UnaryOperator<StateDetails.Builder> change) {
        return new State(id, type, name, timestamp, message, data, change.apply(state_details.toBuilder()).build());
    }
}
