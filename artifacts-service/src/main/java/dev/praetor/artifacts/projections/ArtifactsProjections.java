package dev.praetor.artifacts.projections;

import dev.praetor.events.ProjectionTable;
import dev.praetor.events.ProjectionTables;
import dev.praetor.rest.filter.ProjectionRelations;
import dev.praetor.rest.filter.Relations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What artifacts-service projects from other services (tables in V2__projections.sql), for the related-object
 * criteria of {@code /artifacts/filter|count} and {@code /artifacts/latest/filter|count}. libs/events'
 * {@code Projections} consumes the topics (consumer group {@code praetor.projections.group-id}).
 */
@ApplicationScoped
public class ArtifactsProjections {

    /** FlowFilter {@code deployment}, FlowRunFilter {@code parent_flow_run_id}, TaskRunFilter {@code subflow_runs}. */
    public static final Relations RELATIONS = new ProjectionRelations(ProjectionTables.FLOW_RUNS.table(),
            ProjectionTables.TASK_RUNS.table(), ProjectionTables.DEPLOYMENTS.table());

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
    ProjectionTable flows() {
        return ProjectionTables.FLOWS;
    }

    /** A deployment's queue id is not read here (no work pool criterion on artifacts). */
    @Produces
    @Singleton
    ProjectionTable deployments() {
        return ProjectionTables.DEPLOYMENTS.only("flow_id", "name", "flow_name", "paused", "tags", "work_queue_name");
    }
}
