package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Whether the flow has a deployment: answered from the deployments the service knows of. */
public record FlowFilterDeployment(Operator operator, Boolean is_null_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> {
            if (is_null_ != null) {
                String exists = g.relations().exists("deployment", alias, null, g);
                g.add(is_null_ ? "NOT " + exists : exists);
            }
        });
    }
}
