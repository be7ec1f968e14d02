package dev.praetor.eventsservice.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.events.SnapshotConsumer;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.events.TopicProvisioner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stores the events other services publish on the {@code events} topic (e.g. runs-service's flow-run state changes),
 * so that {@code /events/filter} sees every event. The events this service published come back too and are
 * recognised by their id. Record value data: a {@code ReceivedEvent} ({@code received} optional); the workspace
 * comes from the record.
 */
@ApplicationScoped
public class PublishedEventsConsumer {
    static final String GROUP_ID = "events-service-store";
    private static final Logger LOG = Logger.getLogger(PublishedEventsConsumer.class);

    @Inject
    EventRepository repository;

    @Inject
    TopicProvisioner topics;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "praetor.events.store-published.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private SnapshotConsumer consumer;
    private boolean stopped;

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            // Subscribing before the topic exists would only delay the first records: wait for the provisioner.
            topics.ready().thenRun(this::startConsumer);
        }
    }

    private synchronized void startConsumer() {
        if (!stopped) {
            consumer = SnapshotConsumer.start(bootstrapServers, GROUP_ID, List.of(EventWriter.TOPIC), this::store);
        }
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (consumer != null) {
            consumer.close();
        }
    }

    Uni<Void> store(List<SnapshotRecord> records) {
        List<WorkspaceEvent> events = new ArrayList<>(records.size());
        for (SnapshotRecord record : records) {
            if (!record.isTombstone()) {
                WorkspaceEvent event = decode(record);
                if (event != null) {
                    events.add(event);
                }
            }
        }
        return repository.insertNew(repository.pool(), events).replaceWithVoid();
    }

    private WorkspaceEvent decode(SnapshotRecord record) {
        try {
            return new WorkspaceEvent(record.workspaceId(),
                    ReceivedEvent.published(mapper, record.data(), OffsetDateTime.now(ZoneOffset.UTC)));
        } catch (RuntimeException | IOException e) {
            LOG.warnf("Skipping an invalid event %s on topic %s: %s", record.key(), record.topic(), e.getMessage());
            return null;
        }
    }
}
