package dev.praetor.runs.logs;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One element of the {@code POST /logs/} array (logs.md §1.2); unknown keys are rejected. */
public record LogCreate(String name, Integer level, String message, OffsetDateTime timestamp, UUID flow_run_id,
        UUID task_run_id) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("name", name).required("level", level).required("message", message)
                .required("timestamp", timestamp);
        // Not a Prefect limit: the column is a smallint, which holds every level Python's logging uses.
        errors.range("level", level, Short.MIN_VALUE, Short.MAX_VALUE);
    }
}
