package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Prefect's LogFilter (filters-runs.md §5), over a table with the log columns. It has no {@code name} key. */
public record LogFilter(Operator operator, LogFilterLevel level, LogFilterTimestamp timestamp,
        LogFilterFlowRunId flow_run_id, LogFilterTaskRunId task_run_id, LogFilterTextSearch text) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> {
            g.nested(level, alias).nested(timestamp, alias).nested(flow_run_id, alias).nested(task_run_id, alias);
            // The text conditions join this object's own list, so its operator combines them (Prefect does so).
            if (text != null) {
                text.addTo(g, alias);
            }
        });
    }
}
