package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;

/** The stored worker status, {@code ONLINE} or {@code OFFLINE}. */
public record WorkerFilterStatus(List<WorkerStatus> any_, List<WorkerStatus> not_any_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> g.anyEnum(alias + ".status", any_).notAnyEnum(alias + ".status", not_any_));
    }
}
