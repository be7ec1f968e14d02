package dev.praetor.artifacts.artifacts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.ArtifactCollectionFilter;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.TaskRunFilter;
import dev.praetor.rest.json.PrefectBody;

/**
 * The embedded body of {@code POST /artifacts/latest/filter} and {@code /latest/count} (artifacts.md §2.2): the run
 * criteria apply to the run ids of each key's latest artifact.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArtifactCollectionReadRequest(ArtifactCollectionFilter artifacts, FlowRunFilter flow_runs,
        TaskRunFilter task_runs, FlowFilter flows, DeploymentFilter deployments, ArtifactSort sort, Integer limit,
        Integer offset) implements PrefectBody {

    ArtifactSort sortOrDefault() {
        return sort == null ? ArtifactSort.ID_DESC : sort;
    }
}
