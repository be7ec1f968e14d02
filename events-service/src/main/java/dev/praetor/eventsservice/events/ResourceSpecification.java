package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.filter.Conditions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prefect's {@code ResourceSpecification}: label → one pattern or a list of patterns (see
 * {@link EventScope#matchesAny}), every label must match. Matched against {@code event_resource} rows (alias
 * {@code er}): {@code prefect.resource.id} against the resource id and, where roles apply,
 * {@code prefect.resource.role} against the role (exact values); an empty list for those two adds nothing, for any
 * other label it matches nothing (Prefect's rules).
 */
public record ResourceSpecification(@JsonValue Map<String, List<String>> labels) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ResourceSpecification of(Map<String, JsonNode> given) {
        Map<String, List<String>> labels = new LinkedHashMap<>();
        given.forEach((label, value) -> {
            List<String> patterns = new ArrayList<>();
            if (value != null && value.isTextual()) {
                patterns.add(value.textValue());
            } else if (value != null && value.isArray()) {
                value.forEach(element -> {
                    if (!element.isTextual()) {
                        throw new IllegalArgumentException("label patterns must be strings");
                    }
                    patterns.add(element.textValue());
                });
            } else {
                throw new IllegalArgumentException("a label takes a string or a list of strings");
            }
            labels.put(label, List.copyOf(patterns));
        });
        return new ResourceSpecification(labels);
    }

    boolean isEmpty() {
        return labels.isEmpty();
    }

    /** The same rules as {@link #conditions}, for one resource of a live event. */
    boolean matches(CandidateEvent.ResourceRow resource, boolean withRole) {
        for (Map.Entry<String, List<String>> entry : labels.entrySet()) {
            String label = entry.getKey();
            List<String> patterns = entry.getValue();
            if (label.equals(Event.RESOURCE_ID) || (withRole && label.equals(Event.RESOURCE_ROLE))) {
                if (patterns.isEmpty()) {
                    continue;
                }
                String value = resource.label(label, withRole);
                boolean matched = label.equals(Event.RESOURCE_ID)
                        ? patterns.stream().anyMatch(pattern -> EventScope.globMatches(pattern, value))
                        : patterns.contains(value);
                if (!matched) {
                    return false;
                }
            } else {
                String value = resource.label(label, withRole);
                if (patterns.stream().noneMatch(pattern -> EventScope.globMatches(pattern, value))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The label conditions on {@code er}, to be ANDed; {@code withRole} matches the role label against the role. */
    List<String> conditions(Conditions c, boolean withRole) {
        List<String> conditions = new ArrayList<>();
        labels.forEach((label, patterns) -> {
            if (label.equals(Event.RESOURCE_ID)) {
                if (!patterns.isEmpty()) {
                    conditions.add(EventScope.matchesAny(c, "er.resource_id", patterns));
                }
            } else if (withRole && label.equals(Event.RESOURCE_ROLE)) {
                if (!patterns.isEmpty()) {
                    conditions.add("er.resource_role = ANY(" + c.bind(patterns.toArray(String[]::new)) + "::text[])");
                }
            } else if (patterns.isEmpty()) {
                conditions.add("FALSE");
            } else {
                conditions.add(EventScope.matchesAny(c, "(er.labels ->> " + c.bind(label) + ")", patterns));
            }
        });
        return conditions;
    }
}
