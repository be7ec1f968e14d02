package dev.praetor.events;

import static dev.praetor.events.ProjectionColumn.Type.BOOLEAN;
import static dev.praetor.events.ProjectionColumn.Type.JSONB;
import static dev.praetor.events.ProjectionColumn.Type.TEXT;
import static dev.praetor.events.ProjectionColumn.Type.TEXT_ARRAY;
import static dev.praetor.events.ProjectionColumn.Type.TIMESTAMPTZ;
import static dev.praetor.events.ProjectionColumn.Type.UUID;

import java.util.List;

/**
 * The projections of the snapshot topics, with every column that a related-object filter reads (the columns keep the
 * owners' names, so the shared filter records of rest-conventions compile against them unchanged) plus the ids that
 * join them. The snapshot {@code data} shapes are the owners' (README "Data crossing services"): {@code flows} a
 * {@code Flow}; {@code flow-runs} a {@code FlowRunResponse}; {@code task-runs} a {@code TaskRun};
 * {@code deployments} a {@code DeploymentResponse} plus {@code flow_name}; {@code work-queues} a
 * {@code WorkQueueResponse} plus {@code work_pool_type} (work pools travel inside their queues' snapshots: a pool's id,
 * name and type never change).
 */
public final class ProjectionTables {

    public static final ProjectionTable FLOWS = new ProjectionTable("flows", "flow_projection", List.of(
            ProjectionColumn.of("name", TEXT),
            ProjectionColumn.of("tags", TEXT_ARRAY)));

    public static final ProjectionTable FLOW_RUNS = new ProjectionTable("flow-runs", "flow_run_projection", List.of(
            ProjectionColumn.of("flow_id", UUID),
            ProjectionColumn.of("name", TEXT),
            ProjectionColumn.of("tags", TEXT_ARRAY),
            ProjectionColumn.of("deployment_id", UUID),
            ProjectionColumn.of("work_queue_name", TEXT),
            ProjectionColumn.of("state_type", TEXT),
            ProjectionColumn.of("state_name", TEXT),
            ProjectionColumn.of("flow_version", TEXT),
            ProjectionColumn.of("start_time", TIMESTAMPTZ),
            ProjectionColumn.of("end_time", TIMESTAMPTZ),
            ProjectionColumn.of("expected_start_time", TIMESTAMPTZ),
            ProjectionColumn.of("next_scheduled_start_time", TIMESTAMPTZ),
            ProjectionColumn.of("parent_task_run_id", UUID),
            ProjectionColumn.of("idempotency_key", TEXT),
            ProjectionColumn.of("created_by", JSONB)));

    public static final ProjectionTable TASK_RUNS = new ProjectionTable("task-runs", "task_run_projection", List.of(
            ProjectionColumn.of("flow_run_id", UUID),
            ProjectionColumn.of("name", TEXT),
            ProjectionColumn.of("tags", TEXT_ARRAY),
            ProjectionColumn.of("state_type", TEXT),
            ProjectionColumn.of("state_name", TEXT),
            ProjectionColumn.of("start_time", TIMESTAMPTZ),
            ProjectionColumn.of("end_time", TIMESTAMPTZ),
            ProjectionColumn.of("expected_start_time", TIMESTAMPTZ)));

    public static final ProjectionTable DEPLOYMENTS = new ProjectionTable("deployments", "deployment_projection", List.of(
            ProjectionColumn.of("flow_id", UUID),
            ProjectionColumn.of("name", TEXT),
            ProjectionColumn.of("flow_name", TEXT),
            ProjectionColumn.of("paused", BOOLEAN),
            ProjectionColumn.of("tags", TEXT_ARRAY),
            ProjectionColumn.of("work_queue_name", TEXT),
            ProjectionColumn.of("work_queue_id", UUID)));

    public static final ProjectionTable WORK_QUEUES = new ProjectionTable("work-queues", "work_queue_projection", List.of(
            ProjectionColumn.of("name", TEXT),
            ProjectionColumn.of("work_pool_id", UUID),
            ProjectionColumn.of("work_pool_name", TEXT),
            ProjectionColumn.of("work_pool_type", TEXT)));

    private ProjectionTables() {
    }
}
