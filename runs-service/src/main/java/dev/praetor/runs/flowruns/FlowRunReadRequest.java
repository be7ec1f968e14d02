package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.TaskRunFilter;
import dev.praetor.rest.filters.WorkPoolFilter;
import dev.praetor.rest.filters.WorkQueueFilter;
import dev.praetor.rest.json.PrefectBody;

/**
 * The embedded body of {@code /flow_runs/filter}, {@code /count}, {@code /paginate} and {@code /lateness}
 * (flow-runs.md §3.11). Unknown top-level keys are ignored; the filter objects are strict. Note Prefect's key
 * {@code work_pool_queues} for the work-queue filter here.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowRunReadRequest(FlowFilter flows, FlowRunFilter flow_runs, TaskRunFilter task_runs,
        DeploymentFilter deployments, WorkPoolFilter work_pools, WorkQueueFilter work_pool_queues, FlowRunSort sort,
        Integer limit, Integer offset, Integer page) implements PrefectBody {

    /** A request that selects by the flow-run filter alone (the bulk routes). */
    static FlowRunReadRequest of(FlowRunFilter flowRuns) {
        return new FlowRunReadRequest(null, flowRuns, null, null, null, null, null, null, null, null);
    }

    FlowRunSort sortOrDefault() {
        return sort == null ? FlowRunSort.ID_DESC : sort;
    }
}
