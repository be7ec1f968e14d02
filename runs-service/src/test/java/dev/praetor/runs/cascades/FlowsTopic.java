package dev.praetor.runs.cascades;

import dev.praetor.events.SnapshotRecord;
import dev.praetor.events.WireFormat;
import dev.praetor.testsupport.SharedInfra;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays flows-service in tests: publishes records on {@code flows} in the wire format its outbox relays. */
final class FlowsTopic implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;

    FlowsTopic() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.get().kafkaBootstrapServers()));
    }

    RecordMetadata send(SnapshotRecord record) {
        try {
            return producer.send(WireFormat.toProducerRecord(record)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits until {@code group} has committed past the record (i.e. applied it). */
    void awaitConsumed(String group, RecordMetadata record) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        while (true) {
            OffsetAndMetadata offset = committed(group).get(partition);
            if (offset != null && offset.offset() > record.offset()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("group " + group + " did not consume " + record + " within " + DEADLINE);
            }
            pause();
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            offsets.values().removeIf(java.util.Objects::isNull);
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return Map.of();
        }
    }

    /**
     * Reads {@code topic} from the beginning until the latest record of every key in {@code keys} is a tombstone;
     * fails after the deadline.
     */
    static void awaitTombstones(String topic, java.util.Collection<String> keys) {
        Properties props = new Properties();
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                SharedInfra.get().kafkaBootstrapServers());
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Boolean> tombstoned = new java.util.HashMap<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(props,
                        new org.apache.kafka.common.serialization.StringDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            java.util.List<TopicPartition> partitions = new java.util.ArrayList<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!keys.stream().allMatch(key -> tombstoned.getOrDefault(key, false))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no tombstones on " + topic + " for " + keys + " within " + DEADLINE);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(record -> tombstoned.put(record.key(), record.value() == null));
            }
        }
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
