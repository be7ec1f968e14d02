package dev.praetor.flows.flows;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.TaskRunFilter;
import dev.praetor.rest.filters.WorkPoolFilter;
import dev.praetor.rest.json.PrefectBody;

/**
 * The embedded body of {@code /flows/filter}, {@code /count} and {@code /paginate} (flows.md §2.3). Unknown
 * top-level keys are ignored (the client sends {@code work_queues}); the filter objects themselves are strict.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FlowReadRequest(FlowFilter flows, FlowRunFilter flow_runs, TaskRunFilter task_runs,
        DeploymentFilter deployments, WorkPoolFilter work_pools, FlowSort sort, Integer limit, Integer offset,
        Integer page) implements PrefectBody {

    FlowSort sortOrDefault() {
        return sort == null ? FlowSort.NAME_ASC : sort;
    }
}
