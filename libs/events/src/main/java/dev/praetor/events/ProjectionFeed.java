package dev.praetor.events;

import io.vertx.mutiny.sqlclient.Pool;
import java.util.List;

/**
 * Keeps projection tables up to date from their snapshot topics: a {@link SnapshotConsumer} feeding a
 * {@link Projector}. A new {@code groupId} replays the topics from the beginning, which rebuilds the tables (or, over
 * tables already up to date, changes nothing).
 */
public final class ProjectionFeed implements AutoCloseable {

    private final SnapshotConsumer consumer;

    private ProjectionFeed(SnapshotConsumer consumer) {
        this.consumer = consumer;
    }

    public static ProjectionFeed start(String bootstrapServers, String groupId, Pool pool, List<ProjectionTable> tables) {
        Projector projector = new Projector(pool, tables);
        return new ProjectionFeed(SnapshotConsumer.start(bootstrapServers, groupId, projector.topics(), projector::apply));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
