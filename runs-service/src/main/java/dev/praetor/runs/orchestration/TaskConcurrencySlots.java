package dev.praetor.runs.orchestration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.UUID;
import java.util.List;

/**
 * The seam to tag concurrency limits (task rules 4 and 11; v1 {@code /concurrency_limits} and v2 {@code tag:<tag>}
 * limits, other-resources.md §2–§3). They arrive in a later issue; until then {@link NoTaskConcurrencyLimits}
 * answers "no limit configured". An implementation applies Prefect's acquisition order (active v2 limits first,
 * then v1 limits of the remaining tags), inside the orchestration's transaction.
 */
public interface TaskConcurrencySlots {

    /** The outcome of trying to take a slot on every limit of the task's tags. */
    sealed interface Decision {
        /** Slots taken (or none needed). */
        record Acquired() implements Decision {
        }

        /** A limit is full: the client waits {@code delaySeconds} and proposes again. */
        record Wait(int delaySeconds, String reason) implements Decision {
        }

        /** A limit of 0 would deadlock the task: stop orchestrating it. */
        record Abort(String reason) implements Decision {
        }
    }

    /** Tries to take one slot of every active limit of {@code tags} for the task run. */
    Uni<Decision> acquire(SqlConnection tx, UUID workspaceId, UUID taskRunId, List<String> tags);

    /** Releases every slot (v1) and lease (v2) the task run holds for {@code tags}. */
    Uni<Void> release(SqlConnection tx, UUID workspaceId, UUID taskRunId, List<String> tags);
}
