package dev.praetor.rest.filters;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Operator;

/** Prefect's FlowRunFilter, over a table with the flow_run columns (or a projection keeping their names). */
public record FlowRunFilter(Operator operator, FlowRunFilterId id, FlowRunFilterName name, FlowRunFilterTags tags,
        FlowRunFilterDeploymentId deployment_id, FlowRunFilterWorkQueueName work_queue_name, FlowRunFilterState state,
        FlowRunFilterFlowVersion flow_version, FlowRunFilterStartTime start_time, FlowRunFilterEndTime end_time,
        FlowRunFilterExpectedStartTime expected_start_time, FlowRunFilterNextScheduledStartTime next_scheduled_start_time,
        FlowRunFilterParentFlowRunId parent_flow_run_id, FlowRunFilterParentTaskRunId parent_task_run_id,
        FlowRunFilterIdempotencyKey idempotency_key, FlowRunFilterCreatedBy created_by) implements Criterion {
    @Override
    public void addTo(Conditions c, String alias) {
        c.nested(operator, g -> g.nested(id, alias).nested(name, alias).nested(tags, alias).nested(deployment_id, alias)
                .nested(work_queue_name, alias).nested(state, alias).nested(flow_version, alias).nested(start_time, alias)
                .nested(end_time, alias).nested(expected_start_time, alias).nested(next_scheduled_start_time, alias)
                .nested(parent_flow_run_id, alias).nested(parent_task_run_id, alias).nested(idempotency_key, alias)
                .nested(created_by, alias));
    }
}
