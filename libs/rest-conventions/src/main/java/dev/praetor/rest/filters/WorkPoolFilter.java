package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

public record WorkPoolFilter(Operator operator, WorkPoolFilterId id, WorkPoolFilterName name, WorkPoolFilterType type)
        implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(id, alias).nested(name, alias).nested(type, alias));
    }
}
