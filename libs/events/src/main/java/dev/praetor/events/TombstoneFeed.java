package dev.praetor.events;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Follows the tombstones of a snapshot topic (an owner deleted an object) so that another service can delete what
 * hangs off it: the cascade of a foreign key that crosses services. Creates the topic if needed (subscribing to a
 * missing topic would only see it after a metadata refresh, minutes later), then consumes it through a
 * {@link SnapshotConsumer}: at least once, offsets committed after the handler's deletions. Handlers must therefore
 * be idempotent; a replayed tombstone finds nothing left. Snapshots and keys that are not UUIDs are skipped.
 */
public final class TombstoneFeed implements AutoCloseable {

    /** Deletes what belonged to the object {@code key} of the workspace. */
    @FunctionalInterface
    public interface Handler {
        Uni<Void> deleted(UUID workspaceId, UUID key);
    }

    private static final Logger LOG = Logger.getLogger(TombstoneFeed.class);

    private final TopicCreator topicCreator;
    private SnapshotConsumer consumer;
    private boolean closed;

    private TombstoneFeed(String bootstrapServers, String topic, String group, int partitions, Handler handler) {
        topicCreator = new TopicCreator(bootstrapServers, Map.of(topic, true), partitions);
        topicCreator.start().thenRun(() -> {
            synchronized (this) {
                if (!closed) {
                    LOG.infof("Cascading deletions from the tombstones of %s as consumer group %s", topic, group);
                    consumer = SnapshotConsumer.start(bootstrapServers, group, List.of(topic),
                            batch -> apply(batch, handler));
                }
            }
        });
    }

    /** Starts following {@code topic} (a compacted topic, created with {@code partitions} if missing). */
    public static TombstoneFeed start(String bootstrapServers, String topic, String group, int partitions,
            Handler handler) {
        return new TombstoneFeed(bootstrapServers, topic, group, partitions, handler);
    }

    /** One polled batch: the handler for each tombstone, one after the other, in the batch's order. */
    public static Uni<Void> apply(List<SnapshotRecord> batch, Handler handler) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SnapshotRecord record : batch) {
            if (!record.isTombstone()) {
                continue;
            }
            UUID key;
            try {
                key = UUID.fromString(record.key());
            } catch (IllegalArgumentException e) {
                LOG.errorf("Skipping a tombstone on %s whose key is not a UUID (workspace %s)", record.topic(),
                        record.workspaceId());
                continue;
            }
            chain = chain.chain(() -> handler.deleted(record.workspaceId(), key));
        }
        return chain;
    }

    @Override
    public synchronized void close() {
        closed = true;
        topicCreator.close();
        if (consumer != null) {
            consumer.close();
        }
    }
}
