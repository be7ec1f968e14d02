package dev.praetor.runs.orchestration;

import dev.praetor.events.SnapshotRecord;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateDetails;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A flow-run transition. */
public final class FlowOrchestrationContext extends OrchestrationContext<FlowRunEntity> {
    private final OffsetDateTime latestStateTimestamp;

    /**
     * @param latestStateTimestamp the newest timestamp among the run's states (null if none), read with the lock so
     *     that the timestamp-uniqueness transform only queries when a collision is possible
     */
    public FlowOrchestrationContext(UUID workspaceId, SqlConnection connection, FlowRunEntity run,
            OffsetDateTime latestStateTimestamp, State proposedState, OrchestrationParameters parameters, Clock clock,
            List<SnapshotRecord> changeFacts) {
        super(workspaceId, connection, run, proposedState, parameters, clock, changeFacts);
        this.latestStateTimestamp = latestStateTimestamp;
    }

    public OffsetDateTime latestStateTimestamp() {
        return latestStateTimestamp;
    }

    @Override
    protected void linkToRun(StateDetails.Builder details) {
        details.flowRunId(run().id());
    }
}
