package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;
import java.util.UUID;

/** Direct subflows of the listed runs: their parent task run belongs to one of them. */
public record FlowRunFilterParentFlowRunId(Operator operator, List<UUID> any_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> {
            if (any_ != null) {
                g.add(g.relations().exists("parent_flow_run", alias, new FlowRunFilterId(any_, null), g));
            }
        });
    }
}
