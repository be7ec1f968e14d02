package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;
import java.util.UUID;

public record LogFilterFlowRunId(List<UUID> any_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> g.anyUuid(alias + ".flow_run_id", any_));
    }
}
