package dev.praetor.runs.cascades;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SQL of the cascades: set-based statements over a chunk of runs (arrays of ids), so that deleting a flow's
 * runs costs a fixed number of round trips per chunk, not per run. Every statement is scoped by workspace.
 */
@ApplicationScoped
public class FlowCascadeRepository {

    @Inject
    Pool pool;

    public Pool pool() {
        return pool;
    }

    /** A flow run about to be deleted: what releasing its deployment slot needs. */
    public record DoomedRun(UUID id, UUID deploymentId, String stateType) {
    }

    /**
     * Up to {@code limit} runs of the flow, locked for deletion. Newest id first, the order the bulk routes lock in,
     * so that a cascade and a concurrent bulk delete cannot deadlock on the same runs.
     */
    public Uni<List<DoomedRun>> lockRunsOfFlow(SqlConnection tx, UUID workspaceId, UUID flowId, int limit) {
        return tx.preparedQuery("SELECT id, deployment_id, state_type FROM flow_run WHERE workspace_id = $1 AND flow_id = $2 "
                        + "ORDER BY id DESC LIMIT $3 FOR UPDATE")
                .execute(Tuple.of(workspaceId, flowId, limit)).map(rows -> {
                    List<DoomedRun> runs = new ArrayList<>(rows.size());
                    rows.forEach(row -> runs.add(new DoomedRun(row.getUUID("id"), row.getUUID("deployment_id"),
                            row.getString("state_type"))));
                    return runs;
                });
    }

    /** Ids of the task runs of these flow runs, locked. */
    public Uni<List<UUID>> lockTaskRunsOf(SqlConnection tx, UUID workspaceId, UUID[] flowRunIds) {
        return tx.preparedQuery("SELECT id FROM task_run WHERE workspace_id = $1 AND flow_run_id = ANY($2::uuid[]) "
                        + "FOR NO KEY UPDATE")
                .execute(Tuple.of(workspaceId, flowRunIds)).map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    return ids;
                });
    }

    /** Deletes the runs (their states and inputs cascade); returns each deleted id with its last version. */
    public Uni<Map<UUID, Long>> deleteRuns(SqlConnection tx, UUID workspaceId, UUID[] flowRunIds) {
        return tx.preparedQuery("DELETE FROM flow_run WHERE workspace_id = $1 AND id = ANY($2::uuid[]) RETURNING id, version")
                .execute(Tuple.of(workspaceId, flowRunIds)).map(rows -> {
                    Map<UUID, Long> deleted = new LinkedHashMap<>();
                    rows.forEach(row -> deleted.put(row.getUUID("id"), row.getLong("version")));
                    return deleted;
                });
    }

    /** Deletes the logs of these (deleted) flow runs. */
    public Uni<Void> deleteLogsOfRuns(SqlConnection tx, UUID workspaceId, UUID[] flowRunIds) {
        return tx.preparedQuery("DELETE FROM log WHERE workspace_id = $1 AND flow_run_id = ANY($2::uuid[])")
                .execute(Tuple.of(workspaceId, flowRunIds)).replaceWithVoid();
    }
}
