package dev.praetor.runs.taskruns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.TaskRunFilter;
import dev.praetor.rest.json.PrefectBody;
import java.time.OffsetDateTime;

/** Body of {@code POST /task_runs/history} (run-history.md §1): no work pool or queue keys on this route. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskRunHistoryRequest(OffsetDateTime history_start, OffsetDateTime history_end,
        Double history_interval_seconds, FlowFilter flows, FlowRunFilter flow_runs, TaskRunFilter task_runs,
        DeploymentFilter deployments) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("history_start", history_start).required("history_end", history_end)
                .required("history_interval_seconds", history_interval_seconds);
    }

    TaskRunReadRequest filters() {
        return new TaskRunReadRequest(flows, flow_runs, task_runs, deployments, null, null, null, null);
    }
}
