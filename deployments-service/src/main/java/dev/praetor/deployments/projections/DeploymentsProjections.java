package dev.praetor.deployments.projections;

import dev.praetor.events.ProjectionTable;
import dev.praetor.events.ProjectionTables;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.ExistsChain;
import dev.praetor.rest.filter.ProjectionRelations;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.TaskRunFilter;
import dev.praetor.rest.filters.WorkPoolFilter;
import dev.praetor.rest.filters.WorkQueueFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What deployments-service projects from other services (tables in V20__projections.sql), for the related-object
 * criteria of {@code /deployments/filter|count|paginate} (deployments.md §3.3): flows (their tags), flow runs and task
 * runs. Work pools and queues are this service's own tables. libs/events' {@code Projections} consumes the topics
 * (consumer group {@code praetor.projections.group-id}); the SQL below reads the same tables.
 */
@ApplicationScoped
public class DeploymentsProjections {

    public static final String FLOW_TABLE = ProjectionTables.FLOWS.table();
    public static final String FLOW_RUN_TABLE = ProjectionTables.FLOW_RUNS.table();
    public static final String TASK_RUN_TABLE = ProjectionTables.TASK_RUNS.table();

    private static final Relations PROJECTED = new ProjectionRelations(FLOW_RUN_TABLE, TASK_RUN_TABLE, null);

    /**
     * Relations that filter objects ask about themselves: FlowRunFilter {@code parent_flow_run_id} and TaskRunFilter
     * {@code subflow_runs} from the projections; FlowFilter {@code deployment} is true, since a flow seen through one
     * of its deployments has a deployment.
     */
    public static final Relations RELATIONS = (relation, alias, criterion, outer) -> "deployment".equals(relation)
            ? "TRUE" : PROJECTED.exists(relation, alias, criterion, outer);

    /**
     * Adds the related-object criteria of a deployment read request about the deployment row at {@code d}, as Prefect
     * joins them: its flow matches {@code flows}; one of its runs matches {@code flow_runs} and (if given) owns a task
     * run matching {@code task_runs}; its work queue matches {@code work_pool_queues} and sits in a pool matching
     * {@code work_pools} (a deployment without a queue matches neither).
     */
    public static Conditions addRelated(Conditions conditions, String d, FlowFilter flows, FlowRunFilter flowRuns,
            TaskRunFilter taskRuns, WorkPoolFilter workPools, WorkQueueFilter workPoolQueues) {
        if (flows != null) {
            conditions.add(flowExists(conditions, d, flows));
        }
        ExistsChain.from(d)
                .projection(FLOW_RUN_TABLE, "fr", "fr.deployment_id = " + d + ".id", flowRuns)
                .projection(TASK_RUN_TABLE, "tr", "tr.flow_run_id = fr.id", taskRuns)
                .addTo(conditions);
        ExistsChain.from(d)
                .table("work_queue", "wq", "wq.id = " + d + ".work_queue_id", workPoolQueues)
                .table("work_pool", "wp", "wp.id = wq.work_pool_id", workPools)
                .addTo(conditions);
        return conditions;
    }

    /**
     * The deployment's flow as FlowFilter sees it: its id and name from the deployment row itself (always current:
     * a flow's name never changes), its tags from the flows projection (none while the flow is not projected yet).
     * A flow the projection knows as deleted matches nothing.
     */
    private static String flowExists(Conditions conditions, String d, FlowFilter flows) {
        return "EXISTS (SELECT 1 FROM (SELECT " + d + ".flow_id AS id, " + d + ".workspace_id AS workspace_id, " + d
                + ".flow_name AS name, COALESCE(fp.tags, '{}'::text[]) AS tags FROM (SELECT 1) one LEFT JOIN "
                + FLOW_TABLE + " fp ON fp.workspace_id = " + d + ".workspace_id AND fp.id = " + d + ".flow_id "
                + "WHERE fp.deleted IS NOT TRUE) f WHERE " + conditions.compile(flows, "f") + ")";
    }

    @Produces
    @Singleton
    ProjectionTable flows() {
        return ProjectionTables.FLOWS;
    }

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
}
