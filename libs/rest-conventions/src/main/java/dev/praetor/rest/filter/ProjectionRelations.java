package dev.praetor.rest.filter;

/**
 * The relations that filter objects themselves ask about ({@link Relations#exists} from inside a criterion),
 * answered from projection tables that keep the owners' column names:
 * <ul>
 * <li>{@code deployment} (FlowFilter {@code deployment.is_null_}): the flow has a deployment;</li>
 * <li>{@code parent_flow_run} (FlowRunFilter {@code parent_flow_run_id}): the run's parent task run belongs to a
 * flow run matching the criterion (which reads only {@code id});</li>
 * <li>{@code subflow_run} (TaskRunFilter {@code subflow_runs}): a flow run has the task run as its parent.</li>
 * </ul>
 * A table name left null makes its relation fail loudly (422 "not supported yet"), as does any other relation.
 *
 * @param flowRunTable    projection of {@code flow-runs} with {@code parent_task_run_id}
 * @param taskRunTable    projection of {@code task-runs} with {@code flow_run_id}
 * @param deploymentTable projection of {@code deployments} with {@code flow_id}
 */
public record ProjectionRelations(String flowRunTable, String taskRunTable, String deploymentTable)
        implements Relations {

    @Override
    public String exists(String relation, String alias, Criterion criterion, Conditions outer) {
        return switch (relation) {
            case "deployment" -> deploymentTable == null ? NONE.exists(relation, alias, criterion, outer)
                    : existsRow(deploymentTable, alias + "_dep", alias, "flow_id = " + alias + ".id");
            case "subflow_run" -> flowRunTable == null ? NONE.exists(relation, alias, criterion, outer)
                    : existsRow(flowRunTable, alias + "_sf", alias, "parent_task_run_id = " + alias + ".id");
            case "parent_flow_run" -> {
                if (taskRunTable == null) {
                    yield NONE.exists(relation, alias, criterion, outer);
                }
                // Only the parent flow run's id is filtered: it is the flow_run_id of the subflow's parent task run.
                String t = alias + "_pt";
                String p = alias + "_pf";
                yield "EXISTS (SELECT 1 FROM (SELECT " + t + ".flow_run_id AS id FROM " + taskRunTable + " " + t
                        + " WHERE " + t + ".workspace_id = " + alias + ".workspace_id AND " + t + ".id = " + alias
                        + ".parent_task_run_id AND NOT " + t + ".deleted) " + p + " WHERE "
                        + outer.compile(criterion, p) + ")";
            }
            default -> NONE.exists(relation, alias, criterion, outer);
        };
    }

    private static String existsRow(String table, String alias, String outerAlias, String on) {
        return "EXISTS (SELECT 1 FROM " + table + " " + alias + " WHERE " + alias + ".workspace_id = " + outerAlias
                + ".workspace_id AND " + alias + "." + on + " AND NOT " + alias + ".deleted)";
    }
}
