package dev.praetor.infra;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topic administration on any Kafka cluster, embedded or external. */
final class KafkaTopics {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private KafkaTopics() {
    }

    /** An admin client with timeouts short enough for a local broker. */
    static Admin admin(String bootstrapServers, Duration timeout) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "praetor-infra-admin");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        return Admin.create(properties);
    }

    /** As libs/events WireFormat.MAX_RECORD_BYTES (this library does not depend on it): 16 MiB. */
    private static final String MAX_RECORD_BYTES = Integer.toString(16 * 1024 * 1024);

    /**
     * Creates the topics that do not exist yet, replication factor 1; {@code true} means log compaction
     * ({@code cleanup.policy=compact}). Existing topics are left as they are.
     */
    static void createIfMissing(String bootstrapServers, Map<String, Boolean> topicsCompacted, int partitions) {
        List<NewTopic> topics = topicsCompacted.entrySet().stream()
                .map(topic -> new NewTopic(topic.getKey(), partitions, (short) 1).configs(topic.getValue()
                        ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_RECORD_BYTES)
                        : Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, MAX_RECORD_BYTES)))
                .toList();
        try (Admin admin = admin(bootstrapServers, TIMEOUT)) {
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                awaitCreated(created.getKey(), created.getValue());
            }
        }
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation) {
        try {
            creation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create Kafka topic " + topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating Kafka topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating Kafka topic " + topic, e);
        }
    }
}
