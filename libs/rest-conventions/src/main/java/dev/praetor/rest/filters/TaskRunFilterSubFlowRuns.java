package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Whether the task run is the parent placeholder of a subflow run. */
public record TaskRunFilterSubFlowRuns(Boolean exists_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> {
            if (exists_ != null) {
                String exists = g.relations().exists("subflow_run", alias, null, g);
                g.add(exists_ ? exists : "NOT " + exists);
            }
        });
    }
}
