package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

public record BlockTypeFilterName(String like_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> g.like(alias + ".name", like_));
    }
}
