package dev.praetor.eventsservice.events;

import static dev.praetor.eventsservice.events.EventFilter.given;

import dev.praetor.rest.filter.Conditions;
import java.util.ArrayList;
import java.util.List;

/** The event's primary resource; {@code distinct} keeps one event (the first in the order) per resource. */
public record EventResourceFilter(List<String> id, List<String> id_prefix, ResourceSpecification labels,
        Boolean distinct) {

    /** The same rules as {@link #addTo}, for a live event; {@code distinct} only shapes queries. */
    boolean includes(CandidateEvent candidate) {
        CandidateEvent.ResourceRow primary = candidate.primary();
        return (!given(id) || id.contains(primary.id()))
                && (!given(id_prefix) || id_prefix.stream().anyMatch(primary.id()::startsWith))
                && (labels == null || labels.isEmpty() || labels.matches(primary, false));
    }

    void addTo(Conditions c, EventScope scope) {
        if (given(id)) {
            c.anyText("e.resource_id", id);
        }
        if (given(id_prefix)) {
            c.add(EventScope.startsWithAny(c, "e.resource_id", id_prefix));
        }
        if (labels != null && !labels.isEmpty()) {
            List<String> conditions = new ArrayList<>();
            conditions.add("er.resource_role = ''");
            conditions.addAll(labels.conditions(c, false));
            c.add(scope.namesResource(String.join(" AND ", conditions)));
        }
    }
}
