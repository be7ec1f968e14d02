package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.time.OffsetDateTime;

public record WorkerFilterLastHeartbeatTime(OffsetDateTime before_, OffsetDateTime after_) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(Operator.AND, g -> g.before(alias + ".last_heartbeat_time", before_)
                .after(alias + ".last_heartbeat_time", after_));
    }
}
