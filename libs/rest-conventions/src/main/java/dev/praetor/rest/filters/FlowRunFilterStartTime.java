package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.time.OffsetDateTime;

/** before_/after_ compare the start time, or the expected start while a run has not started (Prefect). */
public record FlowRunFilterStartTime(OffsetDateTime before_, OffsetDateTime after_, Boolean is_null_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        String effective = "COALESCE(" + alias + ".start_time, " + alias + ".expected_start_time)";
        c.nested(Operator.AND, g -> g.before(effective, before_).after(effective, after_).isNull(alias + ".start_time", is_null_));
    }
}
