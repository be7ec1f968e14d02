package dev.praetor.runs.concurrency;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.util.List;
import java.util.UUID;

/** Body of {@code POST /concurrency_limits/increment} and {@code /decrement} (v1): tags and the task run. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskRunSlotsRequest(List<String> names, UUID task_run_id) implements PrefectBody {
    @Override
    public void validate(Errors errors) {
        errors.required("names", names).required("task_run_id", task_run_id);
        Checks.noNullItems(errors, "names", names);
    }
}
