package dev.praetor.runs.concurrency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code POST /v2/concurrency_limits/} (other-resources.md §3.1). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConcurrencyLimitV2Create(Boolean active, String name, Integer limit, Integer active_slots,
        Integer denied_slots, Double slot_decay_per_second) implements PrefectBody {
    static final int MAX_NAME_LENGTH = 2000;

    @Override
    public void validate(Errors errors) {
        errors.required("name", name).required("limit", limit).name("name", name, MAX_NAME_LENGTH);
        Checks.nonNegative(errors, "limit", limit);
        Checks.nonNegative(errors, "active_slots", active_slots);
        Checks.nonNegative(errors, "denied_slots", denied_slots);
        Checks.nonNegative(errors, "slot_decay_per_second", slot_decay_per_second);
    }
}
