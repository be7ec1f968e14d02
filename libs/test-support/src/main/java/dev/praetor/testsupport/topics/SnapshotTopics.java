package dev.praetor.testsupport.topics;

import dev.praetor.events.SnapshotRecord;
import dev.praetor.events.WireFormat;
import dev.praetor.testsupport.Eventually;
import dev.praetor.testsupport.SharedInfra;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the owners' side of the snapshot topics in tests, on the shared Kafka: publishes records in the wire format
 * the owners' outboxes relay ({@link WireFormat}; the records themselves come from {@link Snapshots}), and waits
 * (polling with {@link Eventually#DEADLINE}) until a consumer group has consumed them.
 */
public final class SnapshotTopics implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    public SnapshotTopics() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Publishes the record and returns where it landed. */
    public RecordMetadata send(SnapshotRecord record) {
        try {
            return producer.send(WireFormat.toProducerRecord(record)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits until {@code group} has committed past every given record (i.e. applied it). */
    public void awaitConsumed(String group, RecordMetadata... records) {
        Eventually.await("group " + group + " consuming " + records.length + " record(s)", () -> {
            Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
            for (RecordMetadata record : records) {
                OffsetAndMetadata offset = committed.get(new TopicPartition(record.topic(), record.partition()));
                if (offset == null || offset.offset() <= record.offset()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Waits until {@code group} has committed up to the end of every partition of {@code topics}. */
    public void awaitCaughtUp(String group, List<String> topics) {
        Eventually.await("group " + group + " catching up on " + topics, () -> {
            Map<TopicPartition, Long> ends = endOffsets(topics);
            Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
            return !ends.isEmpty() && ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                    || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
        });
    }

    /** Reads {@code topic} from the beginning until the latest record of every key in {@code keys} is a tombstone. */
    public void awaitTombstones(String topic, Collection<String> keys) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Boolean> tombstoned = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Eventually.await("tombstones on " + topic + " for " + keys, () -> {
                consumer.poll(Duration.ofMillis(200))
                        .forEach(record -> tombstoned.put(record.key(), record.value() == null));
                return keys.stream().allMatch(key -> tombstoned.getOrDefault(key, false));
            });
        }
    }

    /** Committed offsets of {@code group}; none while the group does not exist yet. */
    private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((partition, offset) -> {
                if (offset != null) {
                    present.put(partition, offset);
                }
            });
            return present;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return Map.of();
        }
    }

    /** End offsets of every partition of {@code topics}; none while a topic does not exist yet. */
    private Map<TopicPartition, Long> endOffsets(List<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, description) -> description.partitions()
                    .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return Map.of();
        }
    }

    private static String bootstrapServers() {
        return SharedInfra.get().kafkaBootstrapServers();
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
