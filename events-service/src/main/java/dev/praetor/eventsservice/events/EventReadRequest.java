package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code POST /events/filter}: {@code {"filter": EventFilter|null, "limit": 0..50 (default 50)}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventReadRequest(EventFilter filter, Integer limit) implements PrefectBody {
    /** Prefect's INTERACTIVE_PAGE_SIZE: the default and the largest page. */
    static final int MAX_LIMIT = 50;

    @Override
    public void validate(Errors errors) {
        errors.range("limit", limit, 0, MAX_LIMIT);
        if (filter != null) {
            filter.validate(errors.nested("filter"));
        }
    }

    EventFilter filterOrNone() {
        return filter == null ? EventFilter.NONE : filter;
    }

    int limitOrDefault() {
        return limit == null ? MAX_LIMIT : limit;
    }
}
