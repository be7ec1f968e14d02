package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Prefect's BlockTypeFilter: unlike most filters it has no {@code operator} key (sending one is a 422). */
public record BlockTypeFilter(BlockTypeFilterName name, BlockTypeFilterSlug slug) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> g.nested(name, alias).nested(slug, alias));
    }
}
