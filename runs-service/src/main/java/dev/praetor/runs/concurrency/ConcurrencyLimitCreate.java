package dev.praetor.runs.concurrency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/**
 * Body of {@code POST /concurrency_limits/} (v1 tag limit). Prefect declares {@code concurrency_limit} a plain int;
 * a negative one is refused here with 422 (it would be stored as a v2 limit, which may not be negative).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConcurrencyLimitCreate(String tag, Integer concurrency_limit) implements PrefectBody {
    @Override
    public void validate(Errors errors) {
        errors.required("tag", tag).required("concurrency_limit", concurrency_limit);
        // stored as the v2 limit `tag:<tag>`, so the tag must make a valid v2 name
        errors.name("tag", tag, ConcurrencyLimitV2Create.MAX_NAME_LENGTH - ConcurrencyLimitService.TAG_PREFIX.length());
        Checks.nonNegative(errors, "concurrency_limit", concurrency_limit);
    }
}
