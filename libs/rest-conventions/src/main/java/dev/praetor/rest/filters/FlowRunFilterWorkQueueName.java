package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;

public record FlowRunFilterWorkQueueName(Operator operator, List<String> any_, Boolean is_null_)
        implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.anyText(alias + ".work_queue_name", any_).isNull(alias + ".work_queue_name", is_null_));
    }
}
