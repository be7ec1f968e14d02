package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Prefect's ArtifactFilter (filters-deployments-artifacts.md §6), over a table with the artifact columns. */
public record ArtifactFilter(Operator operator, ArtifactFilterId id, ArtifactFilterKey key,
        ArtifactFilterFlowRunId flow_run_id, ArtifactFilterTaskRunId task_run_id, ArtifactFilterType type)
        implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(id, alias).nested(key, alias).nested(flow_run_id, alias)
                .nested(task_run_id, alias).nested(type, alias));
    }
}
