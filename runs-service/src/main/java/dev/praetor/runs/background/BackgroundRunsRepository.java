package dev.praetor.runs.background;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The scans of the background services (states-and-orchestration.md §10), across workspaces, each served by a partial
 * index of V4. They only find candidates: each service re-checks a run under its lock before it proposes anything.
 */
@ApplicationScoped
public class BackgroundRunsRepository {
    private static final String NON_TERMINAL = "('PENDING', 'SCHEDULED', 'RUNNING', 'PAUSED', 'CANCELLING')";

    @Inject
    Pool pool;

    public Pool pool() {
        return pool;
    }

    /** {@code Scheduled} (by name) runs whose start is at or before {@code dueBefore}, most overdue first. */
    public Uni<List<RunRef>> overdueScheduled(OffsetDateTime dueBefore, int limit) {
        return refs("SELECT workspace_id, id FROM flow_run WHERE state_type = 'SCHEDULED' AND state_name = 'Scheduled'"
                + " AND next_scheduled_start_time <= $1 ORDER BY next_scheduled_start_time LIMIT $2",
                Tuple.of(dueBefore, limit));
    }

    /** Paused runs whose current state's {@code pause_timeout} has passed. */
    public Uni<List<RunRef>> expiredPauses(OffsetDateTime now, int limit) {
        return refs("SELECT fr.workspace_id, fr.id FROM flow_run fr JOIN flow_run_state s ON s.id = fr.state_id"
                + " WHERE fr.state_type = 'PAUSED' AND s.state_details ->> 'pause_timeout' IS NOT NULL"
                + " AND (s.state_details ->> 'pause_timeout')::timestamptz < $1 LIMIT $2", Tuple.of(now, limit));
    }

    /** Runs that entered CANCELLING at or before {@code enteredBefore}. */
    public Uni<List<RunRef>> staleCancelling(OffsetDateTime enteredBefore, int limit) {
        return refs("SELECT workspace_id, id FROM flow_run WHERE state_type = 'CANCELLING' AND state_timestamp <= $1"
                + " ORDER BY state_timestamp LIMIT $2", Tuple.of(enteredBefore, limit));
    }

    /** Unfinished task runs of flow runs cancelled since {@code cancelledSince}. */
    public Uni<List<RunRef>> unfinishedTasksOfCancelledRuns(OffsetDateTime cancelledSince, int limit) {
        return refs("SELECT t.workspace_id, t.id FROM flow_run fr JOIN task_run t ON t.workspace_id = fr.workspace_id"
                + " AND t.flow_run_id = fr.id WHERE fr.state_type = 'CANCELLED' AND fr.end_time >= $1"
                + " AND t.state_type IN " + NON_TERMINAL + " LIMIT $2", Tuple.of(cancelledSince, limit));
    }

    /** Unfinished subflow runs whose containing flow run (through the parent task run) is CANCELLED. */
    public Uni<List<RunRef>> unfinishedSubflowsOfCancelledRuns(int limit) {
        return refs("SELECT sub.workspace_id, sub.id FROM flow_run sub"
                + " JOIN task_run parent_task ON parent_task.id = sub.parent_task_run_id"
                + " AND parent_task.workspace_id = sub.workspace_id"
                + " JOIN flow_run parent ON parent.id = parent_task.flow_run_id AND parent.workspace_id = sub.workspace_id"
                + " WHERE sub.parent_task_run_id IS NOT NULL AND sub.state_type IN " + NON_TERMINAL
                + " AND parent.state_type = 'CANCELLED' ORDER BY sub.id LIMIT $1", Tuple.of(limit));
    }

    private Uni<List<RunRef>> refs(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(BackgroundRunsRepository::toRefs);
    }

    private static List<RunRef> toRefs(RowSet<Row> rows) {
        List<RunRef> refs = new ArrayList<>(rows.size());
        for (Row row : rows) {
            refs.add(new RunRef(row.getUUID("workspace_id"), row.getUUID("id")));
        }
        return refs;
    }
}
