package dev.praetor.runs.orchestration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.UUID;
import java.time.OffsetDateTime;
import java.util.List;

/** Reads a flow run's existing state timestamps, for the timestamp-uniqueness transform. */
public interface FlowRunStateTimestamps {

    /** The run's state timestamps that are at or after {@code from}, ascending. */
    Uni<List<OffsetDateTime>> atOrAfter(SqlConnection tx, UUID workspaceId, UUID flowRunId, OffsetDateTime from);
}
