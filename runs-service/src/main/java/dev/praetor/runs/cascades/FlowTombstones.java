package dev.praetor.runs.cascades;

import dev.praetor.events.SnapshotConsumer;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.events.TopicCreator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes the tombstones flows-service publishes on {@code flows} and deletes the deleted flows' runs
 * ({@link FlowCascades}), as consumer group {@code praetor.cascades.group-id}: at least once (offsets are committed
 * after the deletions committed), and idempotently (a replayed tombstone finds no runs left). Snapshots are ignored.
 * A new group replays the compacted topic, whose tombstones stay until compaction removes them: harmless.
 */
@ApplicationScoped
public class FlowTombstones {
    static final String TOPIC = "flows";
    private static final Logger LOG = Logger.getLogger(FlowTombstones.class);

    @Inject
    FlowCascades cascades;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "runs-service")
    String applicationName;

    @ConfigProperty(name = "praetor.cascades.group-id")
    java.util.Optional<String> groupId;

    @ConfigProperty(name = "praetor.cascades.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "praetor.kafka.topics.partitions", defaultValue = "3")
    int partitions;

    private TopicCreator topicCreator;
    private SnapshotConsumer consumer;
    private boolean stopped;

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        synchronized (this) {
            // Subscribing to a topic that does not exist yet would only see it after a metadata refresh (minutes).
            topicCreator = new TopicCreator(bootstrapServers, Map.of(TOPIC, true), partitions);
        }
        topicCreator.start().thenRun(this::startConsumer);
    }

    private synchronized void startConsumer() {
        if (stopped) {
            return;
        }
        String group = groupId.orElse(applicationName + "-cascades");
        LOG.infof("Cascading flow deletions from %s as consumer group %s", TOPIC, group);
        consumer = SnapshotConsumer.start(bootstrapServers, group, List.of(TOPIC), this::apply);
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (topicCreator != null) {
            topicCreator.close();
        }
        if (consumer != null) {
            consumer.close();
        }
    }

    /** One polled batch: each deleted flow's runs, one flow after the other. */
    Uni<Void> apply(List<SnapshotRecord> batch) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (SnapshotRecord record : batch) {
            if (!record.isTombstone()) {
                continue;
            }
            UUID flowId;
            try {
                flowId = UUID.fromString(record.key());
            } catch (IllegalArgumentException e) {
                LOG.errorf("Skipping a flow tombstone whose key is not a UUID (workspace %s)", record.workspaceId());
                continue;
            }
            chain = chain.chain(() -> cascades.deleteRunsOfFlow(record.workspaceId(), flowId).invoke(deleted -> {
                if (deleted > 0) {
                    LOG.debugf("Deleted %d runs of deleted flow %s", deleted, flowId);
                }
            }).replaceWithVoid());
        }
        return chain;
    }
}
