package dev.praetor.eventsservice.stream;

import dev.praetor.events.SnapshotRecord;
import dev.praetor.events.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads topics live, on a dedicated thread, for this replica alone: every partition is assigned by hand (no consumer
 * group, no committed offsets), so that every replica sees every record. Partitions known at start are read from
 * their end (only what happens from now on); partitions that appear later (a topic created after we started, or
 * grown) are read from their beginning, since all they hold is newer. A record that does not follow the
 * {@link WireFormat} is skipped.
 */
public final class LiveTopicReader implements AutoCloseable {
    /** A decoded record and the time Kafka gave it. */
    public record LiveRecord(SnapshotRecord record, Instant timestamp) {
    }

    private static final Logger LOG = Logger.getLogger(LiveTopicReader.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(10);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Map<String, Object> config;
    private final List<String> topics;
    private final Consumer<LiveRecord> handler;
    private final BiPredicate<String, UUID> wanted;
    private final Thread thread;
    private final CompletableFuture<Void> positioned = new CompletableFuture<>();
    private final Instant startedAt = Instant.now();
    private volatile boolean stopped;
    private volatile KafkaConsumer<String, byte[]> consumer;

    private LiveTopicReader(String bootstrapServers, List<String> topics, BiPredicate<String, UUID> wanted,
            Consumer<LiveRecord> handler) {
        this.config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"),
                ConsumerConfig.CLIENT_ID_CONFIG, "events-service-live-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.topics = List.copyOf(topics);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.wanted = Objects.requireNonNull(wanted, "wanted");
        this.thread = new Thread(this::run, "praetor-live-" + String.join("-", topics));
        this.thread.setDaemon(true);
    }

    /** Starts reading {@code topics}; {@code handler} runs on the reader's thread, one record at a time. */
    public static LiveTopicReader start(String bootstrapServers, List<String> topics, Consumer<LiveRecord> handler) {
        return start(bootstrapServers, topics, (topic, workspaceId) -> true, handler);
    }

    /**
     * Starts reading {@code topics}, handing {@code handler} only the records that {@code wanted} accepts by topic and
     * workspace (the {@link WireFormat#WORKSPACE_ID_HEADER} header; null when missing), before they are decoded: a
     * record no one is waiting for costs no JSON parsing. Both run on the reader's thread.
     */
    public static LiveTopicReader start(String bootstrapServers, List<String> topics, BiPredicate<String, UUID> wanted,
            Consumer<LiveRecord> handler) {
        LiveTopicReader reader = new LiveTopicReader(bootstrapServers, topics, wanted, handler);
        reader.thread.start();
        return reader;
    }

    /** Completes once the partitions known at start have their positions: records published after it are seen. */
    public CompletionStage<Void> positioned() {
        return positioned.minimalCompletionStage();
    }

    @Override
    public void close() {
        stopped = true;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Set<TopicPartition> assigned = new HashSet<>();
        boolean firstLook = true;
        Instant nextRefresh = Instant.MIN;
        boolean failing = false;
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            while (!stopped) {
                try {
                    if (Instant.now().isAfter(nextRefresh)) {
                        boolean first = firstLook;
                        firstLook = false;
                        if (assign(kafka, assigned, first)) {
                            positioned.complete(null);
                        }
                        nextRefresh = Instant.now().plus(REFRESH_EVERY);
                    }
                    if (assigned.isEmpty()) {
                        sleep(RETRY_AFTER);
                        continue;
                    }
                    ConsumerRecords<String, byte[]> records = kafka.poll(POLL_TIMEOUT);
                    for (ConsumerRecord<String, byte[]> record : records) {
                        deliver(record);
                    }
                    if (failing) {
                        LOG.infof("Live reader of %s recovered", topics);
                        failing = false;
                    }
                } catch (WakeupException e) {
                    // close() asked us to stop
                } catch (RuntimeException e) {
                    if (!stopped) {
                        if (!failing) {
                            LOG.warnf("Live reader of %s failing, retrying: %s", topics, e.toString());
                            failing = true;
                        }
                        sleep(RETRY_AFTER);
                    }
                }
            }
        } finally {
            consumer = null;
        }
    }

    /**
     * Adds the partitions not assigned yet. Those found by a first look that described every topic are read from
     * their end; those found otherwise from the first record published since this reader started (a topic created later, a topic that
     * could not be described at start).
     *
     * @return whether every topic could be described
     */
    private boolean assign(KafkaConsumer<String, byte[]> kafka, Set<TopicPartition> assigned, boolean firstLook) {
        List<TopicPartition> added = new ArrayList<>();
        boolean complete = true;
        for (String topic : topics) {
            List<PartitionInfo> partitions;
            try {
                partitions = kafka.partitionsFor(topic, METADATA_TIMEOUT);
            } catch (TimeoutException e) {
                complete = false;
                continue;
            }
            if (partitions == null) {
                continue; // the topic does not exist (yet)
            }
            for (PartitionInfo partition : partitions) {
                TopicPartition topicPartition = new TopicPartition(partition.topic(), partition.partition());
                if (!assigned.contains(topicPartition)) {
                    added.add(topicPartition);
                }
            }
        }
        if (added.isEmpty()) {
            return complete;
        }
        List<TopicPartition> all = new ArrayList<>(assigned);
        all.addAll(added);
        kafka.assign(all);
        if (firstLook && complete) {
            kafka.seekToEnd(added);
        } else {
            Map<TopicPartition, Long> since = new HashMap<>();
            added.forEach(partition -> since.put(partition, startedAt.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = kafka.offsetsForTimes(since, METADATA_TIMEOUT);
            List<TopicPartition> noneSince = new ArrayList<>();
            added.forEach(partition -> {
                OffsetAndTimestamp offset = offsets.get(partition);
                if (offset == null) {
                    noneSince.add(partition);
                } else {
                    kafka.seek(partition, offset.offset());
                }
            });
            kafka.seekToEnd(noneSince);
        }
        added.forEach(partition -> kafka.position(partition, METADATA_TIMEOUT)); // resolve lazy seeks now
        assigned.addAll(added);
        LOG.debugf("Live reader assigned %s", added);
        return complete;
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        if (!wanted.test(record.topic(), workspaceOf(record))) {
            return;
        }
        SnapshotRecord decoded;
        try {
            decoded = WireFormat.fromConsumerRecord(record);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Skipping malformed record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        try {
            handler.accept(new LiveRecord(decoded, Instant.ofEpochMilli(record.timestamp())));
        } catch (RuntimeException e) {
            LOG.warnf("Live record %s-%d@%d not delivered: %s", record.topic(), record.partition(), record.offset(),
                    e.toString());
        }
    }

    private static UUID workspaceOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(WireFormat.WORKSPACE_ID_HEADER);
        if (header == null || header.value() == null) {
            return null;
        }
        try {
            return UUID.fromString(new String(header.value(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
