package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Prefect's TaskRunFilter, over a table with the task_run columns (or a projection keeping their names). */
public record TaskRunFilter(Operator operator, TaskRunFilterId id, TaskRunFilterName name, TaskRunFilterTags tags,
        TaskRunFilterState state, TaskRunFilterStartTime start_time, TaskRunFilterEndTime end_time,
        TaskRunFilterExpectedStartTime expected_start_time, TaskRunFilterSubFlowRuns subflow_runs,
        TaskRunFilterFlowRunId flow_run_id) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(id, alias).nested(name, alias).nested(tags, alias).nested(state, alias)
                .nested(start_time, alias).nested(end_time, alias).nested(expected_start_time, alias)
                .nested(subflow_runs, alias).nested(flow_run_id, alias));
    }
}
