package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;

public record DeploymentFilterTags(Operator operator, List<String> all_, List<String> any_, Boolean is_null_)
        implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.tagsAll(alias + ".tags", all_).tagsAny(alias + ".tags", any_)
                .tagsIsNull(alias + ".tags", is_null_));
    }
}
