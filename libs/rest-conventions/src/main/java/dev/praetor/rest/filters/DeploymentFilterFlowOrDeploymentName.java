package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Matches the deployment name or its flow's name (kept as {@code flow_name} beside the deployment). */
public record DeploymentFilterFlowOrDeploymentName(String like_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.OR, g -> g.like(alias + ".name", like_).like(alias + ".flow_name", like_));
    }
}
