package dev.praetor.events;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Feeds snapshot topics to a handler, at least once, on a dedicated thread: each poll's records are decoded and
 * handed over as one batch, and the offsets are committed only after the handler's {@link Uni} succeeded. A failed
 * batch is rewound (seek back) and handed over again after a backoff, so handlers must be idempotent, which
 * {@link ProjectionWriter} makes them. A new consumer group starts from the earliest offsets: a fresh replica rebuilds
 * its projection by replaying the (compacted) topics.
 *
 * <p>A record that does not follow the {@link WireFormat} is logged (coordinates only) and skipped: it can never
 * succeed, and retrying it would stop the projection for good.
 */
public final class SnapshotConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SnapshotConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(250);
    /** Well below max.poll.interval.ms (5 min), so that a slow handler does not get the consumer evicted. */
    private static final Duration HANDLER_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Map<String, Object> config;
    private final List<String> topics;
    private final Function<List<SnapshotRecord>, Uni<Void>> handler;
    private final Thread thread;
    private final StopSignal stop = new StopSignal();
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private final OutageLog outageLog;

    private SnapshotConsumer(String bootstrapServers, String groupId, List<String> topics,
            Function<List<SnapshotRecord>, Uni<Void>> handler) {
        this.config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"),
                ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // Topics are created by their owner's TopicProvisioner (compacted); never auto-created with defaults.
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.topics = List.copyOf(topics);
        this.handler = Objects.requireNonNull(handler, "handler");
        this.outageLog = new OutageLog(LOG, "Snapshot consumer " + groupId);
        this.thread = new Thread(this::run, "praetor-snapshots-" + groupId);
        this.thread.setDaemon(true);
    }

    /**
     * Starts consuming {@code topics} as member of {@code groupId}.
     *
     * @param handler applies one batch (records in offset order per partition); its failure makes the batch retried
     */
    public static SnapshotConsumer start(String bootstrapServers, String groupId, List<String> topics,
            Function<List<SnapshotRecord>, Uni<Void>> handler) {
        SnapshotConsumer consumer = new SnapshotConsumer(bootstrapServers, groupId, topics, handler);
        consumer.thread.start();
        return consumer;
    }

    /** Stops after the batch in progress (interrupting it after a grace period) and leaves the group. */
    @Override
    public void close() {
        stop.stop();
        try {
            thread.join(STOP_GRACE.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(STOP_GRACE.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        KafkaConsumer<String, byte[]> consumer = null;
        try {
            while (!stop.isStopped()) {
                try {
                    if (consumer == null) {
                        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
                        consumer.subscribe(topics);
                    }
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                    if (!records.isEmpty()) {
                        handle(consumer, records);
                    }
                } catch (RuntimeException e) {
                    if (!stop.isStopped()) {
                        outageLog.failure("Kafka unavailable", e);
                        stop.sleep(backoff.next());
                    }
                }
            }
        } finally {
            if (consumer != null) {
                Thread.interrupted(); // a forced stop interrupts us; the consumer must still leave the group
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }
    }

    private void handle(KafkaConsumer<String, byte[]> consumer, ConsumerRecords<String, byte[]> records) {
        List<SnapshotRecord> batch = decode(records);
        try {
            if (!batch.isEmpty()) {
                handler.apply(batch).await().atMost(HANDLER_TIMEOUT);
            }
        } catch (RuntimeException e) {
            // The next poll returns the same records again.
            for (TopicPartition partition : records.partitions()) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
            if (!stop.isStopped()) {
                outageLog.failure("batch handler failed", e);
                stop.sleep(backoff.next());
            }
            return;
        }
        try {
            consumer.commitSync(records.nextOffsets(), COMMIT_TIMEOUT);
            outageLog.success();
            backoff.reset();
        } catch (KafkaException e) {
            // The batch was applied; if a rebalance follows, its new owner applies it again, harmlessly.
            outageLog.failure("offset commit failed", e);
        }
    }

    private static List<SnapshotRecord> decode(ConsumerRecords<String, byte[]> records) {
        List<SnapshotRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                batch.add(WireFormat.fromConsumerRecord(record));
            } catch (IllegalArgumentException e) {
                LOG.errorf("Skipping malformed snapshot record %s-%d@%d: %s",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }
        return batch;
    }
}
