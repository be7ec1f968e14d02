package dev.praetor.runs.concurrency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code PATCH /v2/concurrency_limits/{id_or_name}}: only the keys given (non-null) are written. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConcurrencyLimitV2Update(Boolean active, String name, Integer limit, Integer active_slots,
        Integer denied_slots, Double slot_decay_per_second) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.name("name", name, ConcurrencyLimitV2Create.MAX_NAME_LENGTH);
        Checks.nonNegative(errors, "limit", limit);
        Checks.nonNegative(errors, "active_slots", active_slots);
        Checks.nonNegative(errors, "denied_slots", denied_slots);
        Checks.nonNegative(errors, "slot_decay_per_second", slot_decay_per_second);
    }
}
