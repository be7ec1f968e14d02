package dev.praetor.runs.logs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.filters.LogFilter;
import dev.praetor.rest.json.PrefectBody;

/** Body of {@code POST /logs/filter} (logs.md §2.2); {@code null} means the default everywhere. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogReadRequest(LogFilter logs, Integer limit, Integer offset, LogSort sort) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        if (logs != null && logs.text() != null) {
            logs.text().validate(errors.nested("logs", "text"));
        }
    }

    LogSort sortOrDefault() {
        return sort == null ? LogSort.TIMESTAMP_ASC : sort;
    }
}
