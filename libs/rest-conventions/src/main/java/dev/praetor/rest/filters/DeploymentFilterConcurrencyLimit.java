package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Deprecated in Prefect: accepted and ignored. */
public record DeploymentFilterConcurrencyLimit(Integer ge_, Integer le_, Boolean is_null_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> { });
    }
}
