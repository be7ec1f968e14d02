package dev.praetor.rest.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.praetor.rest.filters.FlowFilter;
import dev.praetor.rest.filters.FlowFilterDeployment;
import dev.praetor.rest.filters.FlowRunFilter;
import dev.praetor.rest.filters.FlowRunFilterParentFlowRunId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The shape of the EXISTS that related-object criteria compile to (their results are tested per service). */
class ExistsChainTest {
    private static final Relations RELATIONS = new ProjectionRelations("flow_run_projection", "task_run_projection",
            "deployment_projection");
    private static final FlowRunFilter ANY_RUN = new FlowRunFilter(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    @Test
    void nothingIsAddedWithoutACriterion() {
        Conditions conditions = Conditions.all(new SqlParams(), RELATIONS);
        ExistsChain chain = ExistsChain.from("f").projection("flow_run_projection", "fr", "fr.flow_id = f.id", null);
        assertFalse(chain.isActive());
        assertNull(chain.toSql(conditions));
        chain.addTo(conditions);
        assertEquals("TRUE", conditions.toSql());
    }

    @Test
    void tablesAfterTheLastGivenCriterionAreLeftOut() {
        String sql = ExistsChain.from("f")
                .projection("flow_run_projection", "fr", "fr.flow_id = f.id", ANY_RUN)
                .projection("task_run_projection", "tr", "tr.flow_run_id = fr.id", null)
                .toSql(Conditions.all(new SqlParams(), RELATIONS));
        assertEquals("EXISTS (SELECT 1 FROM flow_run_projection fr WHERE fr.workspace_id = f.workspace_id"
                + " AND fr.flow_id = f.id AND NOT fr.deleted)", sql);
    }

    @Test
    void aLaterCriterionKeepsTheTablesItJoinsThroughButNotSideBranches() {
        String sql = ExistsChain.from("a")
                .projection("flow_run_projection", "fr", "fr.id = a.flow_run_id", null)
                .projectionWhenGiven("flow_projection", "fl", "fl.id = fr.flow_id", null)
                .projectionWhenGiven("deployment_projection", "d", "d.id = fr.deployment_id",
                        new dev.praetor.rest.filters.DeploymentFilter(null, null, null, null, null, null, null, null))
                .toSql(Conditions.all(new SqlParams(), RELATIONS));
        assertEquals("EXISTS (SELECT 1 FROM flow_run_projection fr, deployment_projection d"
                + " WHERE fr.workspace_id = a.workspace_id AND fr.id = a.flow_run_id AND NOT fr.deleted"
                + " AND d.workspace_id = a.workspace_id AND d.id = fr.deployment_id AND NOT d.deleted)", sql);
    }

    @Test
    void criteriaInsideRelatedObjectsUseTheProjections() {
        SqlParams params = new SqlParams();
        Conditions conditions = Conditions.all(params, RELATIONS);
        FlowRunFilter subflowsOf = new FlowRunFilter(null, null, null, null, null, null, null, null, null, null, null,
                null, new FlowRunFilterParentFlowRunId(null, List.of(UUID.randomUUID())), null, null, null);
        ExistsChain.from("f").projection("flow_run_projection", "fr", "fr.flow_id = f.id", subflowsOf).addTo(conditions);
        conditions.nested(new FlowFilter(null, null, new FlowFilterDeployment(null, true), null, null), "f");
        String sql = conditions.toSql();
        assertEquals(true, sql.contains("FROM task_run_projection fr_pt"), sql);
        assertEquals(true, sql.contains("NOT EXISTS (SELECT 1 FROM deployment_projection f_dep"), sql);
        assertEquals(1, params.size());
    }
}
