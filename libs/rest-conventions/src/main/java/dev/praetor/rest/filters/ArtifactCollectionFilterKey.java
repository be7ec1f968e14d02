package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;

/** Collections always have a key, so {@code exists_: false} matches nothing. */
public record ArtifactCollectionFilterKey(List<String> any_, String like_, Boolean exists_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> g.anyText(alias + ".key", any_).like(alias + ".key", like_)
                .isNull(alias + ".key", exists_ == null ? null : !exists_));
    }
}
