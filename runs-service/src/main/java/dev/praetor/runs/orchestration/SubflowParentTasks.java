package dev.praetor.runs.orchestration;

import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Mirrors a subflow run's new state onto the parent flow run's placeholder task run (the global transform
 * {@code UpdateSubflowParentTask}): forced (minimal task policy plus task bookkeeping), in the same transaction.
 */
public interface SubflowParentTasks {

    /** Proposes {@code state} (already a fresh copy) to task run {@code taskRunId}; fails with 404 if it is gone. */
    Uni<Void> mirror(FlowOrchestrationContext ctx, UUID taskRunId, State state);
}
