package dev.praetor.runs.states;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.filters.StateType;
import dev.praetor.rest.json.Uuids;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Prefect's {@code StateCreate} (states-and-orchestration.md §1.4): an action model, so unknown keys (including
 * {@code id} and {@code timestamp}) are rejected; the server chooses the id and stamps its own clock.
 */
public record StateCreate(StateType type, String name, String message, JsonNode data, StateDetails state_details) {

    /** Adds the checks Jackson cannot express, located under {@code path} (e.g. {@code "state"}). */
    public void validate(Errors errors, Object... path) {
        if (type == null) {
            List<Object> field = new ArrayList<>(List.of(path));
            field.add("type");
            errors.add(ValidationError.of("missing", errors.loc(field.toArray()), "Field required", null));
        }
    }

    /** The proposed state: a new id, {@code now} as its timestamp, {@code now} as a missing scheduled time. */
    public State toState(OffsetDateTime now) {
        StateDetails details = state_details == null ? StateDetails.DEFAULTS : state_details;
        if (type == StateType.SCHEDULED && details.scheduled_time() == null) {
            details = details.toBuilder().scheduledTime(now).build();
        }
        return new State(Uuids.timeOrdered(), type, name, now, message, data, details);
    }
}
