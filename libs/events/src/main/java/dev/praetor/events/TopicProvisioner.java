package dev.praetor.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the service's Kafka topics at startup, in the background (a Kafka outage does not delay the start):
 * {@code praetor.kafka.topics.compacted} with {@code cleanup.policy=compact}, {@code praetor.kafka.topics.plain} with
 * the broker's defaults, each with {@code praetor.kafka.topics.partitions} partitions.
 */
@ApplicationScoped
public class TopicProvisioner {

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    @ConfigProperty(name = "praetor.kafka.topics.compacted")
    Optional<List<String>> compactedTopics;

    @ConfigProperty(name = "praetor.kafka.topics.plain")
    Optional<List<String>> plainTopics;

    @ConfigProperty(name = "praetor.kafka.topics.partitions", defaultValue = "3")
    int partitions;

    /** Exists before startup, so that other beans can wait on it whatever the order of startup observers. */
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private TopicCreator creator;

    void onStart(@Observes StartupEvent event) {
        Map<String, Boolean> compactedByTopic = new LinkedHashMap<>();
        plainTopics.orElse(List.of()).forEach(topic -> compactedByTopic.put(topic, false));
        compactedTopics.orElse(List.of()).forEach(topic -> compactedByTopic.put(topic, true));
        creator = new TopicCreator(bootstrapServers, compactedByTopic, partitions);
        creator.start().whenComplete((ignored, failure) -> {
            if (failure == null) {
                ready.complete(null);
            } else {
                ready.completeExceptionally(failure);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (creator != null) {
            creator.close();
        }
    }

    /** Completes once every configured topic exists (at once when none is configured). */
    public CompletionStage<Void> ready() {
        return ready.minimalCompletionStage();
    }
}
