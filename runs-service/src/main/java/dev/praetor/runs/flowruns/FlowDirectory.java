package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.UUID;

/**
 * Who answers "does this flow exist?" for runs-service, which does not own flows. A run of a missing flow is a 409,
 * as Prefect's foreign key makes it.
 */
public interface FlowDirectory {

    /** What a run needs from its flow. */
    record FlowInfo(UUID id, ObjectNode labels) {
    }

    /** The flow, empty when it does not exist in the workspace; fails with a 503 when the owner cannot be asked. */
    Uni<Optional<FlowInfo>> find(UUID workspaceId, UUID flowId);
}
