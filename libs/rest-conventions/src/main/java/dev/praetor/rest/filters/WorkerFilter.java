package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Prefect's WorkerFilter, over a table with the worker columns (the pool comes from the route). */
public record WorkerFilter(Operator operator, WorkerFilterLastHeartbeatTime last_heartbeat_time,
        WorkerFilterStatus status) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(last_heartbeat_time, alias).nested(status, alias));
    }
}
