package dev.praetor.deployments.workqueues;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.deployments.workqueues.WorkQueueRepository.StoredQueue;
import dev.praetor.events.Outbox;
import dev.praetor.events.SnapshotRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;

/**
 * Work queue facts on the compacted {@code work-queues} topic, written to the outbox in the transaction of the change:
 * the queue as {@code WorkQueueResponse} plus {@code work_pool_type}, so that consumers can answer {@code work_pools}
 * and {@code work_pool_queues} criteria (pool id, name and type; queue id and name). Polls (status, last_polled) are
 * not changes and are not published.
 */
@ApplicationScoped
public class WorkQueueSnapshots {
    public static final String TOPIC = "work-queues";

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    public Uni<Void> publish(SqlConnection tx, UUID workspaceId, StoredQueue stored) {
        return outbox.append(tx, snapshot(workspaceId, stored));
    }

    public Uni<Void> publishAll(SqlConnection tx, UUID workspaceId, List<StoredQueue> stored) {
        return outbox.appendAll(tx, stored.stream().map(queue -> snapshot(workspaceId, queue)).toList());
    }

    public Uni<Void> tombstone(SqlConnection tx, UUID workspaceId, UUID queueId, long lastVersion) {
        return outbox.append(tx, SnapshotRecord.tombstone(TOPIC, queueId.toString(), workspaceId, lastVersion + 1));
    }

    private SnapshotRecord snapshot(UUID workspaceId, StoredQueue stored) {
        ObjectNode data = mapper.valueToTree(stored.queue());
        data.remove("active_slots");
        data.put("work_pool_type", stored.poolType());
        return new SnapshotRecord(TOPIC, stored.queue().id().toString(), workspaceId, stored.version(), data);
    }
}
