package dev.praetor.runs.taskruns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.TaskRunFilter;
import dev.praetor.rest.json.PrefectBody;

/** The embedded body of {@code /task_runs/filter}, {@code /count}, {@code /paginate} (task-runs.md §3.6). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskRunReadRequest(FlowFilter flows, FlowRunFilter flow_runs, TaskRunFilter task_runs,
        DeploymentFilter deployments, TaskRunSort sort, Integer limit, Integer offset, Integer page) implements PrefectBody {

    TaskRunSort sortOrDefault() {
        return sort == null ? TaskRunSort.ID_DESC : sort;
    }
}
