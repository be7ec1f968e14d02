package dev.praetor.deployments.cascades;

import dev.praetor.deployments.deployments.DeploymentService;
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

/**
 * Deleting a flow deletes its deployments (flows.md §2.8, Prefect's foreign key cascade): follows the tombstones
 * flows-service publishes on {@code flows} ({@link TombstoneFeed}) as consumer group {@code praetor.cascades.group-id},
 * and deletes each deployment of the deleted flow exactly as {@code DELETE /deployments/{id}} does (schedules,
 * scheduled runs, its concurrency limit, the deployment tombstone). A replayed tombstone finds no deployment left.
 */
@ApplicationScoped
public class FlowTombstones {
    static final String TOPIC = "flows";

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

    private TombstoneFeed feed;

    synchronized void onStart(@Observes StartupEvent event) {
        if (enabled) {
            feed = TombstoneFeed.start(bootstrapServers, TOPIC, groupId.orElse(applicationName + "-cascades"),
                    partitions, this::deleteDeploymentsOf);
        }
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (feed != null) {
            feed.close();
        }
    }


    private Uni<Void> deleteDeploymentsOf(UUID workspaceId, UUID flowId) {
        return repository.deploymentsOf(workspaceId, flowId).chain(ids -> {
            Uni<Void> deletions = Uni.createFrom().voidItem();
            for (UUID id : ids) {
                deletions = deletions.chain(() -> deployments.deleteIfExists(workspaceId, id).replaceWithVoid());
            }
            return deletions;
        });
    }
}
