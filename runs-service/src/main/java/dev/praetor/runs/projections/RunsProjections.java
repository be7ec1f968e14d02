package dev.praetor.runs.projections;

import dev.praetor.events.ProjectionTable;
import dev.praetor.events.ProjectionTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What runs-service projects from other services (tables in V5__projections.sql), for the related-object criteria of
 * {@code /flow_runs/*} and {@code /task_runs/*}: a run's flow, deployment, work queue and pool. libs/events'
 * {@code Projections} consumes the topics (consumer group {@code praetor.projections.group-id}). Flow runs and task
 * runs are runs-service's own tables: their criteria never need a projection here.
 */
@ApplicationScoped
public class RunsProjections {

    public static final String FLOWS = ProjectionTables.FLOWS.table();
    public static final String DEPLOYMENTS = ProjectionTables.DEPLOYMENTS.table();
    public static final String WORK_QUEUES = ProjectionTables.WORK_QUEUES.table();
    /** The pool of each projected queue, with WorkPoolFilter's column names (a view over work_queue_projection). */
    public static final String WORK_POOL_OF_QUEUE = "work_pool_of_queue";

    @Produces
    @Singleton
    ProjectionTable flows() {
        return ProjectionTables.FLOWS;
    }

    @Produces
    @Singleton
    ProjectionTable deployments() {
        return ProjectionTables.DEPLOYMENTS;
    }

    /** Queue name (WorkQueueFilter) and the queue's pool (WorkPoolFilter). */
    @Produces
    @Singleton
    ProjectionTable workQueues() {
        return ProjectionTables.WORK_QUEUES;
    }
}
