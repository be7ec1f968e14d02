package dev.praetor.flows.projections;

import dev.praetor.events.ProjectionTable;
import dev.praetor.events.ProjectionTables;
import dev.praetor.rest.filter.ProjectionRelations;
import dev.praetor.rest.filter.Relations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What flows-service projects from other services (tables in V2__projections.sql), for the related-object criteria
 * of {@code /flows/filter|count|paginate}. libs/events' {@code Projections} consumes the topics (consumer group
 * {@code praetor.projections.group-id}). The relations below name the same tables.
 */
@ApplicationScoped
public class FlowsProjections {

    /** FlowFilter {@code deployment}, FlowRunFilter {@code parent_flow_run_id}, TaskRunFilter {@code subflow_runs}. */
    public static final Relations RELATIONS = new ProjectionRelations(ProjectionTables.FLOW_RUNS.table(),
            ProjectionTables.TASK_RUNS.table(), ProjectionTables.DEPLOYMENTS.table());

    /** The pool of each projected queue, with WorkPoolFilter's column names (a view over work_queue_projection). */
    public static final String WORK_POOL_OF_QUEUE = "work_pool_of_queue";

    @Produces
    @Singleton
    ProjectionTable flowRuns() {
        return ProjectionTables.FLOW_RUNS;
    }

    @Produces
    @Singleton
    ProjectionTable taskRuns() {
        return ProjectionTables.TASK_RUNS;
    }

    @Produces
    @Singleton
    ProjectionTable deployments() {
        return ProjectionTables.DEPLOYMENTS;
    }

    /** Only the pool of each queue: no flow criterion reads a queue's own columns. */
    @Produces
    @Singleton
    ProjectionTable workQueues() {
        return ProjectionTables.WORK_QUEUES.only("work_pool_id", "work_pool_name", "work_pool_type");
    }
}
