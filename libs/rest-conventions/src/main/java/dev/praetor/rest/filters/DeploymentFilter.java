package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Prefect's DeploymentFilter over a table with the deployment columns (or a projection keeping them). */
public record DeploymentFilter(Operator operator, DeploymentFilterId id, DeploymentFilterName name,
        DeploymentFilterFlowOrDeploymentName flow_or_deployment_name, DeploymentFilterPaused paused,
        DeploymentFilterTags tags, DeploymentFilterWorkQueueName work_queue_name,
        DeploymentFilterConcurrencyLimit concurrency_limit) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(id, alias).nested(name, alias).nested(flow_or_deployment_name, alias)
                .nested(paused, alias).nested(tags, alias).nested(work_queue_name, alias).nested(concurrency_limit, alias));
    }
}
