package dev.praetor.runs.concurrency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.util.UUID;

/** Body of {@code POST /v2/concurrency_limits/decrement-with-lease}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaseIdRequest(UUID lease_id) implements PrefectBody {
    @Override
    public void validate(Errors errors) {
        errors.required("lease_id", lease_id);
    }
}
