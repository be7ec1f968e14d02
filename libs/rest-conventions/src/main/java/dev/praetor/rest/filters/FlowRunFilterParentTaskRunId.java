package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;
import java.util.UUID;

public record FlowRunFilterParentTaskRunId(Operator operator, List<UUID> any_, Boolean is_null_)
        implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.anyUuid(alias + ".parent_task_run_id", any_).isNull(alias + ".parent_task_run_id", is_null_));
    }
}
