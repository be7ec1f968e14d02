package dev.praetor.runs.cascades;

import dev.praetor.events.TombstoneFeed;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deleting a flow deletes its runs ({@link FlowCascades}): follows the tombstones flows-service publishes on
 * {@code flows} ({@link TombstoneFeed}) as consumer group {@code praetor.cascades.group-id}. A new group replays the
 * compacted topic, whose tombstones stay until compaction removes them: harmless, the runs are gone.
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
    Optional<String> groupId;

    @ConfigProperty(name = "praetor.cascades.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "praetor.kafka.topics.partitions", defaultValue = "3")
    int partitions;

    private TombstoneFeed feed;

    synchronized void onStart(@Observes StartupEvent event) {
        if (enabled) {
            feed = TombstoneFeed.start(bootstrapServers, TOPIC, groupId.orElse(applicationName + "-cascades"),
                    partitions, this::deleteRunsOf);
        }
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (feed != null) {
            feed.close();
        }
    }


    private Uni<Void> deleteRunsOf(UUID workspaceId, UUID flowId) {
        return cascades.deleteRunsOfFlow(workspaceId, flowId).invoke(deleted -> {
            if (deleted > 0) {
                LOG.debugf("Deleted %d runs of deleted flow %s", deleted, flowId);
            }
        }).replaceWithVoid();
    }
}
