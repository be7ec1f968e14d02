package dev.praetor.deployments.cascades;

import dev.praetor.deployments.deployments.DeploymentService;
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
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deleting a flow deletes its deployments (flows.md §2.8, Prefect's foreign key cascade). Consumes the tombstones
 * flows-service publishes on {@code flows} as consumer group {@code praetor.cascades.group-id}, and deletes each
 * deployment of the deleted flow exactly as {@code DELETE /deployments/{id}} does (schedules, scheduled runs, its
 * concurrency limit, the deployment tombstone). At least once (offsets are committed after the deletions), and
 * idempotent: a replayed tombstone finds no deployment left. Snapshots are ignored.
 */
@ApplicationScoped
public class FlowTombstones {
    static final String TOPIC = "flows";
    private static final Logger LOG = Logger.getLogger(FlowTombstones.class);

    @Inject
    FlowDeploymentsRepository repository;

    @Inject
    DeploymentService deployments;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "deployments-service")
    String applicationName;

    @ConfigProperty(name = "praetor.cascades.group-id")
    Optional<String> groupId;

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

    /** One polled batch: each deleted flow's deployments, one after the other. */
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
            UUID workspaceId = record.workspaceId();
            chain = chain.chain(() -> repository.deploymentsOf(workspaceId, flowId).chain(ids -> {
                Uni<Void> deletions = Uni.createFrom().voidItem();
                for (UUID id : ids) {
                    deletions = deletions.chain(() -> deployments.deleteIfExists(workspaceId, id).replaceWithVoid());
                }
                return deletions;
            }));
        }
        return chain;
    }
}
