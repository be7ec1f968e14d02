package dev.praetor.runs.flowruns;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;
import dev.praetor.rest.filter.Relations;
import dev.praetor.runs.projections.RunsProjections;

/**
 * The relations that filter objects ask about: from runs-service's own tables, a flow run's task runs, a task run's
 * flow run, a subflow's parent flow run and a task run's subflow; from the deployments projection
 * (V5__projections.sql), whether a flow has a deployment (FlowFilter {@code deployment.is_null_}). The top-level
 * criteria about other services' objects (a run's flow, deployment, queue and pool) are {@code ExistsChain}s over
 * the projections in the repositories' {@code where()}.
 */
public final class RunRelations implements Relations {
    public static final RunRelations INSTANCE = new RunRelations();

    private RunRelations() {
    }

    @Override
    public String exists(String relation, String alias, Criterion criterion, Conditions outer) {
        return switch (relation) {
            case "task_runs" -> {
                String t = alias + "_tr";
                yield "EXISTS (SELECT 1 FROM task_run " + t + " WHERE " + t + ".workspace_id = " + alias + ".workspace_id AND "
                        + t + ".flow_run_id = " + alias + ".id AND " + outer.compile(criterion, t) + ")";
            }
            case "flow_runs" -> {
                String f = alias + "_fr";
                yield "EXISTS (SELECT 1 FROM flow_run " + f + " WHERE " + f + ".workspace_id = " + alias + ".workspace_id AND "
                        + f + ".id = " + alias + ".flow_run_id AND " + outer.compile(criterion, f) + ")";
            }
            case "parent_flow_run" -> {
                // The parent flow run is the flow run of the subflow's placeholder task run; only its id is filtered.
                String t = alias + "_pt";
                String p = alias + "_pf";
                yield "EXISTS (SELECT 1 FROM (SELECT " + t + ".flow_run_id AS id FROM task_run " + t + " WHERE " + t
                        + ".workspace_id = " + alias + ".workspace_id AND " + t + ".id = " + alias + ".parent_task_run_id) "
                        + p + " WHERE " + outer.compile(criterion, p) + ")";
            }
            case "subflow_run" -> {
                String f = alias + "_sf";
                yield "EXISTS (SELECT 1 FROM flow_run " + f + " WHERE " + f + ".workspace_id = " + alias + ".workspace_id AND "
                        + f + ".parent_task_run_id = " + alias + ".id)";
            }
            case "deployment" -> {
                // alias is a projected flow (flow_projection): it has a deployment that is not deleted
                String d = alias + "_dep";
                yield "EXISTS (SELECT 1 FROM " + RunsProjections.DEPLOYMENTS + " " + d + " WHERE " + d + ".workspace_id = "
                        + alias + ".workspace_id AND " + d + ".flow_id = " + alias + ".id AND NOT " + d + ".deleted)";
            }
            default -> NONE.exists(relation, alias, criterion, outer);
        };
    }
}
