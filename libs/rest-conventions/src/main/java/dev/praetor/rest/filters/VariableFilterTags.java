package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;

/** Variable tags have no {@code any_} operator in Prefect. */
public record VariableFilterTags(Operator operator, List<String> all_, Boolean is_null_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.tagsAll(alias + ".tags", all_).tagsIsNull(alias + ".tags", is_null_));
    }
}
