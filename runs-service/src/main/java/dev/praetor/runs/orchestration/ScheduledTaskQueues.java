package dev.praetor.runs.orchestration;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Per-process queues of background (deferred) task runs waiting for a task worker, per workspace and task key
 * (task-runs.md §4): a retry queue served first, then a scheduled queue. Filled by {@code EnqueueScheduledTasks};
 * drained by the task-worker websocket ({@code /task_runs/subscriptions/scheduled}, a later issue). Like Prefect's,
 * the queues are bounded and not persisted; a full queue drops the entry (Prefect would block the request instead).
 */
@ApplicationScoped
public class ScheduledTaskQueues {
    private static final Logger LOG = Logger.getLogger(ScheduledTaskQueues.class);
    /** Prefect's defaults for PREFECT_TASK_SCHEDULING_MAX_SCHEDULED_QUEUE_SIZE / _MAX_RETRY_QUEUE_SIZE. */
    static final int SCHEDULED_CAPACITY = 1000;
    static final int RETRY_CAPACITY = 100;

    private record Key(UUID workspaceId, String taskKey) {
    }

    private record Queues(BlockingQueue<UUID> scheduled, BlockingQueue<UUID> retry) {
    }

    private final Map<Key, Queues> queues = new ConcurrentHashMap<>();

    public void enqueue(UUID workspaceId, String taskKey, UUID taskRunId, boolean retry) {
        Queues q = queues.computeIfAbsent(new Key(workspaceId, taskKey),
                k -> new Queues(new ArrayBlockingQueue<>(SCHEDULED_CAPACITY), new ArrayBlockingQueue<>(RETRY_CAPACITY)));
        if (!(retry ? q.retry() : q.scheduled()).offer(taskRunId)) {
            LOG.warnf("The %s queue of task key %s is full; task run %s is not queued", retry ? "retry" : "scheduled",
                    taskKey, taskRunId);
        }
    }

    /** The next task run for any of {@code taskKeys}: retries first, then scheduled runs. */
    public Optional<UUID> poll(UUID workspaceId, List<String> taskKeys) {
        for (boolean retry : new boolean[] {true, false}) {
            for (String taskKey : taskKeys) {
                Queues q = queues.get(new Key(workspaceId, taskKey));
                UUID next = q == null ? null : (retry ? q.retry() : q.scheduled()).poll();
                if (next != null) {
                    return Optional.of(next);
                }
            }
        }
        return Optional.empty();
    }
}
