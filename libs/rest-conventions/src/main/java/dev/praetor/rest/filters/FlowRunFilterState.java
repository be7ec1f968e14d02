package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/**
 * Both sub-objects are applied. (Prefect's server silently drops a sub-object that sets both any_ and not_any_;
 * we do not reproduce that quirk: no known client sends both, and ignoring a criterion is worse than applying it.)
 */
public record FlowRunFilterState(Operator operator, FlowRunFilterStateType type, FlowRunFilterStateName name)
        implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(type, alias).nested(name, alias));
    }
}
