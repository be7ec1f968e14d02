package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import java.util.Map;

/** Body of {@code POST /events/count-by/{countable}}: a required filter, the bucket unit and its length. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventCountRequest(EventFilter filter, TimeUnit time_unit, Double time_interval) implements PrefectBody {
    static final double MIN_INTERVAL = 0.01;

    @Override
    public void validate(Errors errors) {
        errors.required("filter", filter);
        if (filter != null) {
            filter.validate(errors.nested("filter"));
        }
        if (time_interval != null && !(time_interval >= MIN_INTERVAL)) {
            errors.add(new ValidationError("greater_than_equal", errors.loc("time_interval"),
                    "Input should be greater than or equal to " + MIN_INTERVAL, time_interval, Map.of("ge", MIN_INTERVAL)));
        }
    }

    TimeUnit timeUnitOrDefault() {
        return time_unit == null ? TimeUnit.day : time_unit;
    }

    double timeIntervalOrDefault() {
        return time_interval == null ? 1.0 : time_interval;
    }
}
