package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Prefect's FlowFilter: conditions on the flow table (alias columns: id, name, tags). */
public record FlowFilter(Operator operator, FlowFilterId id, FlowFilterDeployment deployment, FlowFilterName name,
        FlowFilterTags tags) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(id, alias).nested(deployment, alias).nested(name, alias).nested(tags, alias));
    }
}
