package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;
import java.util.UUID;

public record FlowRunFilterCreatedBy(Operator operator, List<UUID> id_, List<String> type_, Boolean is_null_)
        implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        String createdBy = alias + ".created_by";
        c.nested(operator, g -> g
                .anyText("(" + createdBy + " ->> 'id')", id_ == null ? null : id_.stream().map(UUID::toString).toList())
                .anyText("(" + createdBy + " ->> 'type')", type_)
                .isNull(createdBy, is_null_));
    }
}
