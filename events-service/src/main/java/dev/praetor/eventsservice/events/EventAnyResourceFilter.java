package dev.praetor.eventsservice.events;

import static dev.praetor.eventsservice.events.EventFilter.given;

import dev.praetor.rest.filter.Conditions;
import java.util.ArrayList;
import java.util.List;

/** Some resource of the event, primary or related, for which every given criterion holds. */
public record EventAnyResourceFilter(List<String> id, List<String> id_prefix, ResourceSpecification labels) {

    /** The same rules as {@link #addTo}: one of the event's resources, primary or related, meets every criterion. */
    boolean includes(CandidateEvent candidate) {
        if (!given(id) && !given(id_prefix) && (labels == null || labels.isEmpty())) {
            return true;
        }
        return candidate.resources().stream().anyMatch(resource -> (!given(id) || id.contains(resource.id()))
                && (!given(id_prefix) || id_prefix.stream().anyMatch(resource.id()::startsWith))
                && (labels == null || labels.isEmpty() || labels.matches(resource, true)));
    }

    void addTo(Conditions c, EventScope scope) {
        List<String> conditions = new ArrayList<>();
        if (given(id)) {
            conditions.add("er.resource_id = ANY(" + c.bind(id.toArray(String[]::new)) + "::text[])");
        }
        if (given(id_prefix)) {
            conditions.add(EventScope.startsWithAny(c, "er.resource_id", id_prefix));
        }
        if (labels != null && !labels.isEmpty()) {
            conditions.addAll(labels.conditions(c, true));
        }
        if (!conditions.isEmpty()) {
            c.add(scope.namesResource(String.join(" AND ", conditions)));
        }
    }
}
