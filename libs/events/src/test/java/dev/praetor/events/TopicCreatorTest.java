package dev.praetor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.praetor.infra.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class TopicCreatorTest {

    private final EmbeddedKafkaBroker kafka = TestInfra.kafka();

    @Test
    void createsCompactedAndPlainTopicsAndToleratesExistingOnes() throws Exception {
        String compacted = "compacted-" + UUID.randomUUID();
        String plain = "plain-" + UUID.randomUUID();
        Map<String, Boolean> topics = Map.of(compacted, true, plain, false);
        try (TopicCreator creator = new TopicCreator(kafka.bootstrapServers(), topics, 2)) {
            creator.start().get(30, TimeUnit.SECONDS);
        }
        try (TopicCreator again = new TopicCreator(kafka.bootstrapServers(), topics, 2)) {
            again.start().get(30, TimeUnit.SECONDS);
        }
        assertEquals(2, partitions(compacted));
        assertEquals(2, partitions(plain));
        assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, cleanupPolicy(compacted));
        assertEquals(TopicConfig.CLEANUP_POLICY_DELETE, cleanupPolicy(plain));
    }

    @Test
    void noTopicsIsDoneAtOnce() {
        try (TopicCreator creator = new TopicCreator(kafka.bootstrapServers(), Map.of(), 3)) {
            assertTrue(creator.start().isDone());
        }
    }

    @Test
    void doesNotBlockWhileKafkaIsDownAndCreatesTheTopicsOnceItIsBack() throws Exception {
        String topic = "late-" + UUID.randomUUID();
        kafka.stop();
        CompletableFuture<Void> created;
        try (TopicCreator creator = new TopicCreator(kafka.bootstrapServers(), Map.of(topic, true), 3)) {
            try {
                long startedAt = System.nanoTime();
                created = creator.start();
                assertTrue(Duration.ofNanos(System.nanoTime() - startedAt).toMillis() < 1_000,
                        "start() returns at once");
                assertFalse(created.isDone());
            } finally {
                kafka.restart();
            }
            created.get(60, TimeUnit.SECONDS);
        }
        assertEquals(3, partitions(topic));
        assertEquals(TopicConfig.CLEANUP_POLICY_COMPACT, cleanupPolicy(topic));
    }

    /** Polls: right after a broker restart, a new topic reaches the broker's metadata a moment after its creation. */
    private int partitions(String topic) {
        int[] partitions = new int[1];
        TestInfra.await("topic " + topic + " described", TestInfra.TIMEOUT, () -> {
            try (Admin admin = admin()) {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                partitions[0] = description.partitions().size();
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return false;
                }
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        return partitions[0];
    }

    private String cleanupPolicy(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin()) {
            return admin.describeConfigs(List.of(resource)).all().get().get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }
}
