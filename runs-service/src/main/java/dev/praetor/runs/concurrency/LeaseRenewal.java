package dev.praetor.runs.concurrency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code POST /v2/concurrency_limits/leases/{lease_id}/renew}; an empty body means 300 s. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaseRenewal(Double lease_duration) implements PrefectBody {
    @Override
    public void validate(Errors errors) {
        Checks.leaseDuration(errors, lease_duration);
    }

    double secondsOrDefault() {
        return lease_duration == null ? 300 : lease_duration;
    }
}
