package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.TaskRunFilter;
import dev.praetor.rest.filters.WorkPoolFilter;
import dev.praetor.rest.filters.WorkQueueFilter;
import dev.praetor.rest.json.PrefectBody;

/**
 * The embedded body of {@code /deployments/filter}, {@code /count} and {@code /paginate} (deployments.md §3.3).
 * Unknown top-level keys are ignored; the filter objects themselves are strict. Note {@code work_pool_queues}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeploymentReadRequest(FlowFilter flows, FlowRunFilter flow_runs, TaskRunFilter task_runs,
        DeploymentFilter deployments, WorkPoolFilter work_pools, WorkQueueFilter work_pool_queues, DeploymentSort sort,
        Integer limit, Integer offset, Integer page) implements PrefectBody {

    DeploymentSort sortOrDefault() {
        return sort == null ? DeploymentSort.NAME_ASC : sort;
    }

    static DeploymentReadRequest of(DeploymentFilter deployments) {
        return new DeploymentReadRequest(null, null, null, deployments, null, null, null, null, null, null);
    }
}
