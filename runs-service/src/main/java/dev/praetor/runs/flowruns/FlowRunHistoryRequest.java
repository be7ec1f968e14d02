package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.TaskRunFilter;
import dev.praetor.rest.filters.WorkPoolFilter;
import dev.praetor.rest.filters.WorkQueueFilter;
import dev.praetor.rest.json.PrefectBody;
import java.time.OffsetDateTime;

/** Body of {@code POST /flow_runs/history} (run-history.md §1); the work-queue key is {@code work_queues} here. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowRunHistoryRequest(OffsetDateTime history_start, OffsetDateTime history_end,
        Double history_interval_seconds, FlowFilter flows, FlowRunFilter flow_runs, TaskRunFilter task_runs,
        DeploymentFilter deployments, WorkPoolFilter work_pools, WorkQueueFilter work_queues) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("history_start", history_start).required("history_end", history_end)
                .required("history_interval_seconds", history_interval_seconds);
    }

    FlowRunReadRequest filters() {
        return new FlowRunReadRequest(flows, flow_runs, task_runs, deployments, work_pools, work_queues, null, null, null,
                null);
    }
}
