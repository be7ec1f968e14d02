package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.time.OffsetDateTime;

public record FlowRunFilterEndTime(OffsetDateTime before_, OffsetDateTime after_, Boolean is_null_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        String column = alias + ".end_time";
        c.nested(Operator.AND, g -> g.before(column, before_).after(column, after_).isNull(column, is_null_));
    }
}
