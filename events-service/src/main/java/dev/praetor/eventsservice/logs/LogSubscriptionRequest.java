package dev.praetor.eventsservice.logs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.filters.LogFilter;
import dev.praetor.rest.json.PrefectBody;

/** The first message on {@code /logs/out} after the handshake: {@code {"type": "filter", "filter": LogFilter}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogSubscriptionRequest(String type, LogFilter filter) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("filter", filter);
        if (filter != null && filter.text() != null) {
            filter.text().validate(errors.nested("filter", "text"));
        }
    }
}
