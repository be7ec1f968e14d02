package dev.praetor.runs.concurrency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/** Body of both {@code /filter} routes: paging only. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LimitOffset(Integer limit, Integer offset) implements PrefectBody {
    @Override
    public void validate(Errors errors) {
    }
}
