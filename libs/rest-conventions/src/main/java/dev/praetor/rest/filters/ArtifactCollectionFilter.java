package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/**
 * Prefect's ArtifactCollectionFilter (filters-deployments-artifacts.md §7): the artifact criteria applied to the
 * "latest" collection row, with {@code latest_id} in place of {@code id}.
 */
public record ArtifactCollectionFilter(Operator operator, ArtifactCollectionFilterLatestId latest_id,
        ArtifactCollectionFilterKey key, ArtifactCollectionFilterFlowRunId flow_run_id,
        ArtifactCollectionFilterTaskRunId task_run_id, ArtifactCollectionFilterType type) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(latest_id, alias).nested(key, alias).nested(flow_run_id, alias)
                .nested(task_run_id, alias).nested(type, alias));
    }
}
