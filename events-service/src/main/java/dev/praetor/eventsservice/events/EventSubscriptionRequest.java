package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/**
 * The first message on {@code /events/out} after the handshake: {@code {"type": "filter", "filter": EventFilter,
 * "backfill": bool (default true)}} (other-resources.md §6.3).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventSubscriptionRequest(String type, EventFilter filter, Boolean backfill) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("filter", filter);
        if (filter != null) {
            filter.validate(errors.nested("filter"));
        }
    }

    public boolean wantsBackfill() {
        return backfill == null || backfill;
    }
}
