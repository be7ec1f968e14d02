package dev.praetor.eventsservice.stream;

import dev.praetor.events.TopicProvisioner;
import dev.praetor.eventsservice.events.EventWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This replica's live reader of the {@code events} and {@code logs} topics, feeding {@link EventStream} and
 * {@link LogStream}. Not a consumer group: each replica reads every partition, from the end, so that a subscriber on
 * any replica sees every event and log.
 */
@ApplicationScoped
public class LiveTopics {
    @Inject
    TopicProvisioner topics;

    @Inject
    EventStream events;

    @Inject
    LogStream logs;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    @ConfigProperty(name = "praetor.events.stream.enabled", defaultValue = "true")
    boolean enabled;

    /** runs-service publishes stored logs here (see README: the logs topic contract). */
    @ConfigProperty(name = "praetor.logs.topic", defaultValue = "logs")
    String logsTopic;

    private final CompletableFuture<Void> positioned = new CompletableFuture<>();
    private LiveTopicReader reader;
    private boolean stopped;

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            // The events topic is ours: wait until it exists so that the reader starts at its end, not later.
            topics.ready().thenRun(this::startReader);
        }
    }

    private synchronized void startReader() {
        if (stopped) {
            return;
        }
        reader = LiveTopicReader.start(bootstrapServers, List.of(EventWriter.TOPIC, logsTopic), this::wanted, live -> {
            if (live.record().topic().equals(EventWriter.TOPIC)) {
                events.accept(live.record(), live.timestamp());
            } else {
                logs.accept(live.record());
            }
        });
        reader.positioned().whenComplete((ignored, failure) -> positioned.complete(null));
    }

    /**
     * Logs are many and tailed only now and then: a log record of a workspace without subscribers is not even decoded.
     * (A subscriber gets the logs published from its subscription on.)
     */
    private boolean wanted(String topic, UUID workspaceId) {
        return !topic.equals(logsTopic) || workspaceId == null || logs.subscribers(workspaceId) > 0;
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (reader != null) {
            reader.close();
        }
    }

    /** Completes once records published from now on will be streamed (for tests). */
    public CompletionStage<Void> positioned() {
        return positioned.minimalCompletionStage();
    }
}
