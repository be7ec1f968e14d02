package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;
import java.util.List;
import java.util.UUID;

/**
 * Note Prefect's default: {@code is_null_} is false unless sent, so {@code {"flow_run_id": {}}} excludes autonomous
 * task runs; an explicit null with no list adds nothing.
 */
public record TaskRunFilterFlowRunId(Operator operator, List<UUID> any_, Boolean is_null_) implements Criterion {
    @com.fasterxml.jackson.annotation.JsonCreator
    public static TaskRunFilterFlowRunId create(@com.fasterxml.jackson.annotation.JsonProperty("operator") Operator operator,
            @com.fasterxml.jackson.annotation.JsonProperty("any_") List<UUID> any_,
            @com.fasterxml.jackson.annotation.JsonProperty("is_null_") com.fasterxml.jackson.databind.JsonNode isNull) {
        Boolean value = isNull == null ? Boolean.FALSE : isNull.isNull() ? null : isNull.asBoolean();
        return new TaskRunFilterFlowRunId(operator, any_, value);
    }

    @Override
    public void addTo(Conditions c, String alias) {
        String column = alias + ".flow_run_id";
        c.nested(operator, g -> {
            if (Boolean.TRUE.equals(is_null_)) {
                g.isNull(column, true);
            } else if (any_ != null) {
                g.anyUuid(column, any_);
            } else if (Boolean.FALSE.equals(is_null_)) {
                g.isNull(column, false);
            }
        });
    }
}
