package dev.praetor.eventsservice.events;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.TextSearch;
import java.util.Locale;

/**
 * Text search (filters-runs.md §5 grammar) over the event name, its resource, its related resources and its payload,
 * as Prefect does it: over their JSON text, keys included.
 */
public record EventTextFilter(String query) {
    static final int MAX_QUERY_LENGTH = 200;

    void addTo(Conditions c) {
        c.textSearch("e.event || ' ' || e.resource::text || ' ' || e.related::text || ' ' || e.payload::text", query);
    }

    /** The same terms as {@link #addTo}, looked for in {@link CandidateEvent#searchableText()}. */
    boolean includes(CandidateEvent candidate) {
        if (query == null) {
            return true;
        }
        TextSearch search = TextSearch.parse(query);
        String text = candidate.searchableText();
        return (search.include().isEmpty() || search.include().stream().anyMatch(term -> contains(text, term)))
                && search.exclude().stream().noneMatch(term -> contains(text, term))
                && search.required().stream().allMatch(term -> contains(text, term));
    }

    private static boolean contains(String lowerCaseText, String term) {
        return lowerCaseText.contains(term.toLowerCase(Locale.ROOT));
    }

    void validate(Errors errors) {
        errors.required("query", query).maxLength("query", query, MAX_QUERY_LENGTH);
    }
}
