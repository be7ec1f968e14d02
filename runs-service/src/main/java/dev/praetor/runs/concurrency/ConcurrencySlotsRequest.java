package dev.praetor.runs.concurrency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code /v2/concurrency_limits/increment}, {@code increment-with-lease} and {@code decrement}: the lease keys
 * matter only to the lease route, {@code occupancy_seconds} only to decrement, {@code create_if_missing} to none
 * (deprecated in Prefect, ignored).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConcurrencySlotsRequest(Integer slots, List<String> names, String mode, Boolean create_if_missing,
        Double lease_duration, ConcurrencyLeaseHolder holder, Double occupancy_seconds) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("slots", slots).required("names", names);
        Checks.positive(errors, "slots", slots);
        Checks.atLeastOne(errors, "names", names);
        Checks.noNullItems(errors, "names", names);
        Checks.mode(errors, mode);
        Checks.leaseDuration(errors, lease_duration);
        Checks.positive(errors, "occupancy_seconds", occupancy_seconds);
        if (holder != null) {
            errors.nested("holder").required("type", holder.type()).required("id", holder.id());
            if (holder.type() != null && !ConcurrencyLeaseHolder.validType(holder.type())) {
                errors.add(new ValidationError("literal_error", errors.loc("holder", "type"),
                        "Input should be 'flow_run', 'task_run' or 'deployment'", holder.type(),
                        Map.of("expected", "'flow_run', 'task_run' or 'deployment'")));
            }
        }
    }

    boolean rateLimit() {
        return "rate_limit".equals(mode);
    }

    double leaseSecondsOrDefault() {
        return lease_duration == null ? 300 : lease_duration;
    }
}
