package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.time.OffsetDateTime;

public record LogFilterTimestamp(OffsetDateTime before_, OffsetDateTime after_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> g.before(alias + ".timestamp", before_).after(alias + ".timestamp", after_));
    }
}
