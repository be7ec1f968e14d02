package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prefect's client-sent {@code Event} (other-resources.md §6.1): one websocket message on {@code /events/in}, one
 * element of the {@code POST /events} array. Unknown keys are ignored as Prefect's server does (a re-sent
 * {@code ReceivedEvent} carries {@code received}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Event(OffsetDateTime occurred, String event, Map<String, String> resource,
        List<Map<String, String>> related, ObjectNode payload, UUID id, UUID follows) implements PrefectBody {

    public static final String RESOURCE_ID = "prefect.resource.id";
    public static final String RESOURCE_ROLE = "prefect.resource.role";
    /** Prefect's PREFECT_SERVER_EVENTS_MAXIMUM_EVENT_NAME_LENGTH default. */
    static final int MAX_NAME_LENGTH = 1024;
    /** Prefect's PREFECT_EVENTS_MAXIMUM_LABELS_PER_RESOURCE default. */
    static final int MAX_LABELS_PER_RESOURCE = 500;
    /** Prefect's PREFECT_EVENTS_MAXIMUM_RELATED_RESOURCES default. */
    static final int MAX_RELATED_RESOURCES = 100;

    @Override
    public void validate(Errors errors) {
        errors.required("occurred", occurred).required("event", event).required("resource", resource)
                .required("id", id).maxLength("event", event, MAX_NAME_LENGTH);
        if (occurred != null) {
            // Pydantic's datetime range; PostgreSQL could not store most of what lies beyond it anyway.
            errors.check(occurred.getYear() >= 1 && occurred.getYear() <= 9999, "occurred",
                    "year is out of range", occurred.toString());
        }
        if (resource != null) {
            checkResource(errors.nested("resource"), resource, false);
        }
        if (related != null) {
            errors.check(related.size() <= MAX_RELATED_RESOURCES, "related",
                    "The maximum number of related resources is " + MAX_RELATED_RESOURCES, related.size());
            for (int i = 0; i < related.size(); i++) {
                checkResource(errors.nested("related", i), related.get(i), true);
            }
        }
    }

    private static void checkResource(Errors errors, Map<String, String> labels, boolean related) {
        if (labels == null) {
            errors.add(ValidationError.of("dict_type", errors.loc(), "Input should be a valid dictionary", null));
            return;
        }
        labels.forEach((label, value) -> {
            if (value == null) {
                errors.add(ValidationError.of("string_type", errors.loc(label), "Input should be a valid string", null));
            }
        });
        // Pydantic reports these model-level failures at the resource's own location.
        if (labels.size() > MAX_LABELS_PER_RESOURCE) {
            valueError(errors, "The maximum number of labels per resource is " + MAX_LABELS_PER_RESOURCE, labels.size());
        }
        String id = labels.get(RESOURCE_ID);
        if (id == null || id.isEmpty()) {
            valueError(errors, id == null ? "Resources must include the prefect.resource.id label"
                    : "The prefect.resource.id label must be non-empty", labels);
        }
        String role = labels.get(RESOURCE_ROLE);
        if (related && (role == null || role.isEmpty())) {
            valueError(errors, role == null ? "Related Resources must include the prefect.resource.role label"
                    : "The prefect.resource.role label must be non-empty", labels);
        }
    }

    private static void valueError(Errors errors, String message, Object input) {
        errors.add(new ValidationError("value_error", errors.loc(), "Value error, " + message, input,
                Map.of("error", Map.of())));
    }
}
