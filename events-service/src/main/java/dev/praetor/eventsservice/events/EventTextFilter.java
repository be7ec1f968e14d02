package dev.praetor.eventsservice.events;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.filter.Conditions;

/**
 * Text search (filters-runs.md §5 grammar) over the event name, its resource, its related resources and its payload,
 * as Prefect does it: over their JSON text, keys included.
 */
public record EventTextFilter(String query) {
    static final int MAX_QUERY_LENGTH = 200;

    void addTo(Conditions c) {
        c.textSearch("e.event || ' ' || e.resource::text || ' ' || e.related::text || ' ' || e.payload::text", query);
    }

    void validate(Errors errors) {
        errors.required("query", query).maxLength("query", query, MAX_QUERY_LENGTH);
    }
}
