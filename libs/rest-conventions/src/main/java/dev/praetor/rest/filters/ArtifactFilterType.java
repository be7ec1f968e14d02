package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;

/** {@code not_any_} is SQL {@code NOT IN}: rows without a type are not returned by it (as in Prefect). */
public record ArtifactFilterType(List<String> any_, List<String> not_any_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> g.anyText(alias + ".type", any_).notAnyText(alias + ".type", not_any_));
    }
}
