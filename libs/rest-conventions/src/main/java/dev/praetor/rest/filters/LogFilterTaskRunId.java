package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;
import java.util.UUID;

public record LogFilterTaskRunId(List<UUID> any_, Boolean is_null_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> g.anyUuid(alias + ".task_run_id", any_).isNull(alias + ".task_run_id", is_null_));
    }
}
