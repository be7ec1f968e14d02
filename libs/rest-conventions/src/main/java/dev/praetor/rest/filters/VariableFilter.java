package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Prefect's VariableFilter (filters-deployments-artifacts.md §8), over a table with the variable columns. */
public record VariableFilter(Operator operator, VariableFilterId id, VariableFilterName name, VariableFilterTags tags)
        implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(id, alias).nested(name, alias).nested(tags, alias));
    }
}
