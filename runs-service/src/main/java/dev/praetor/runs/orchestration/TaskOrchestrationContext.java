package dev.praetor.runs.orchestration;

import dev.praetor.events.SnapshotRecord;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateDetails;
import dev.praetor.runs.taskruns.TaskRunEntity;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/** A task-run transition, with the task's flow run as it was when the task run was locked. */
public final class TaskOrchestrationContext extends OrchestrationContext<TaskRunEntity> {
    private final EnclosingFlowRun flowRun;

    /** @param flowRun the task's flow run; null when the task has none or it no longer exists */
    public TaskOrchestrationContext(UUID workspaceId, SqlConnection connection, TaskRunEntity run, EnclosingFlowRun flowRun,
            State proposedState, OrchestrationParameters parameters, Clock clock, List<SnapshotRecord> changeFacts) {
        super(workspaceId, connection, run, proposedState, parameters, clock, changeFacts);
        this.flowRun = flowRun;
    }

    public EnclosingFlowRun flowRun() {
        return flowRun;
    }

    @Override
    protected void linkToRun(StateDetails.Builder details) {
        details.flowRunId(run().flowRunId()).taskRunId(run().id());
    }
}
