package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.time.OffsetDateTime;

public record TaskRunFilterExpectedStartTime(OffsetDateTime before_, OffsetDateTime after_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        String column = alias + ".expected_start_time";
        c.nested(Operator.AND, g -> g.before(column, before_).after(column, after_));
    }
}
