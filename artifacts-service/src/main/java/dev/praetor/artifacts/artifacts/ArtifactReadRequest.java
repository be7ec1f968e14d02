package dev.praetor.artifacts.artifacts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.ArtifactFilter;
import dev.praetor.rest.filters.DeploymentFilter;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.TaskRunFilter;
import dev.praetor.rest.json.PrefectBody;

/**
 * The embedded body of {@code POST /artifacts/filter} and {@code /count} (artifacts.md §2.1). Unknown top-level keys
 * are ignored; the filter objects themselves are strict.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArtifactReadRequest(ArtifactFilter artifacts, FlowRunFilter flow_runs, TaskRunFilter task_runs,
        FlowFilter flows, DeploymentFilter deployments, ArtifactSort sort, Integer limit, Integer offset)
        implements PrefectBody {

    ArtifactSort sortOrDefault() {
        return sort == null ? ArtifactSort.ID_DESC : sort;
    }
}
