package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;

/** The schema's capabilities contain every listed one; {@code []} adds nothing. */
public record BlockSchemaFilterCapabilities(List<String> all_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> g.tagsAll(alias + ".capabilities", all_));
    }
}
