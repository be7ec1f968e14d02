package dev.praetor.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.infra.EmbeddedKafkaBroker;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    private static final Logger LOG = Logger.getLogger(OutboxRelayTest.class);
    private static final UUID WORKSPACE = UUID.fromString("5b1f1d50-0c5f-4d1c-9a55-2f3b8f0e9a01");

    private final Pool pool = TestInfra.pool();
    private final EmbeddedKafkaBroker kafka = TestInfra.kafka();
    private final Outbox outbox = new Outbox();
    private final List<OutboxRelayWorker> relays = new ArrayList<>();
    private String topic;

    @BeforeEach
    void freshTopicAndEmptyOutbox() {
        topic = "relay-test-" + UUID.randomUUID();
        kafka.createTopics(Map.of(topic, true));
        pool.query("TRUNCATE outbox").execute().await().atMost(TestInfra.TIMEOUT);
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelayWorker::close);
    }

    @Test
    void appendInRolledBackTransactionPublishesNothing() {
        startRelay();
        Uni<Void> rolledBack = pool.withTransaction(tx -> outbox.append(tx, snapshot("flow-1", 1, "{\"name\":\"a\"}"))
                .flatMap(ignored -> Uni.createFrom().failure(new IllegalStateException("abort"))));
        assertThrows(IllegalStateException.class, () -> rolledBack.await().atMost(TestInfra.TIMEOUT));
        commit(List.of(snapshot("flow-1", 2, "{\"name\":\"b\"}")));

        // Same key, same partition: had the rolled-back record been published, it would come first.
        try (TopicReader reader = new TopicReader(topic)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readAtLeast(1, TestInfra.TIMEOUT);
            assertEquals(1, records.size());
            assertEquals("2", header(records.get(0), WireFormat.VERSION_HEADER));
        }
        TestInfra.await("an empty outbox", TestInfra.TIMEOUT, () -> TestInfra.outboxSize() == 0);
    }

    @Test
    void committedRecordsAreRelayedInTheWireFormatThenDeleted() {
        OutboxRelayWorker relay = startRelay();
        // Keys already in jsonb's order (shorter first) so that the expected text is exact; 1.50 keeps its zero.
        String data = "{\"n\":1.50,\"name\":\"flow-a\",\"tags\":[\"x\",\"é\"]}";
        commit(List.of(snapshot("flow-1", 1, data), SnapshotRecord.tombstone(topic, "flow-1", WORKSPACE, 2)));

        try (TopicReader reader = new TopicReader(topic)) {
            List<ConsumerRecord<String, byte[]>> records = reader.readAtLeast(2, TestInfra.TIMEOUT);
            assertEquals(2, records.size());

            ConsumerRecord<String, byte[]> snapshot = records.get(0);
            assertEquals("flow-1", snapshot.key());
            assertEquals("{\"workspace_id\":\"" + WORKSPACE + "\",\"version\":1,\"data\":" + data + "}",
                    new String(snapshot.value(), StandardCharsets.UTF_8));
            assertEquals(WORKSPACE.toString(), header(snapshot, WireFormat.WORKSPACE_ID_HEADER));
            assertEquals("1", header(snapshot, WireFormat.VERSION_HEADER));

            ConsumerRecord<String, byte[]> tombstone = records.get(1);
            assertEquals("flow-1", tombstone.key());
            assertNull(tombstone.value());
            assertEquals(WORKSPACE.toString(), header(tombstone, WireFormat.WORKSPACE_ID_HEADER));
            assertEquals("2", header(tombstone, WireFormat.VERSION_HEADER));
        }
        TestInfra.await("an empty outbox", TestInfra.TIMEOUT, () -> TestInfra.outboxSize() == 0);
        assertEquals(2, relay.publishedCount());
    }

    @Test
    void recordsAppendedWhileKafkaIsDownArriveInOrderPerKeyAfterItIsBack() {
        OutboxRelayWorker relay = startRelay();
        // The relay knows the topic and its leaders, as in steady operation: its sends are accepted, then time out.
        commit(List.of(snapshot("warm-up", 1, "{}")));
        TestInfra.await("the warm-up record relayed", TestInfra.TIMEOUT, () -> relay.publishedCount() == 1);
        kafka.stop();
        try {
            // 10 keys x 10 versions, one transaction each, versions of different keys interleaved.
            for (int version = 1; version <= 10; version++) {
                for (int key = 0; key < 10; key++) {
                    commit(List.of(snapshot("flow-" + key, version, "{\"v\":" + version + "}")));
                }
            }
            // Long enough for sends to time out: the failed round must be rolled back and retried later.
            TestInfra.await("a failed relay round", Duration.ofSeconds(60), () -> relay.failingFor().isPresent());
            assertEquals(100, TestInfra.outboxSize(), "nothing leaves the outbox while Kafka is down");
        } finally {
            kafka.restart();
        }

        try (TopicReader reader = new TopicReader(topic)) {
            List<ConsumerRecord<String, byte[]>> records = readDistinct(reader, 101, Duration.ofSeconds(90));
            assertInOrderPerKey(records.stream().filter(record -> !record.key().equals("warm-up")).toList(), 10, 10);
        }
        TestInfra.await("an empty outbox", TestInfra.TIMEOUT, () -> TestInfra.outboxSize() == 0);
        assertTrue(relay.failingFor().isEmpty(), "the relay recovered");
    }

    @Test
    void twoRelaysOnOneDatabaseKeepEveryKeyInOrder() {
        startRelay();
        startRelay();
        for (int version = 1; version <= 50; version++) {
            List<SnapshotRecord> batch = new ArrayList<>();
            for (int key = 0; key < 20; key++) {
                batch.add(snapshot("flow-" + key, version, "{\"v\":" + version + "}"));
            }
            commit(batch);
        }
        try (TopicReader reader = new TopicReader(topic)) {
            assertInOrderPerKey(readDistinct(reader, 1000, Duration.ofSeconds(60)), 20, 50);
        }
        assertEquals(1000, relays.get(0).publishedCount() + relays.get(1).publishedCount());
    }

    @Test
    void relayThroughput() {
        int records = 20_000;
        for (int start = 0; start < records; start += 500) {
            commit(IntStream.range(start, start + 500)
                    .mapToObj(i -> snapshot("flow-" + (i % 1000), i / 1000 + 1,
                            "{\"name\":\"flow-" + i + "\",\"tags\":[\"a\",\"b\"],\"labels\":{\"team\":\"x\"}}"))
                    .toList());
        }
        long startedAt = System.nanoTime();
        OutboxRelayWorker relay = startRelay();
        TestInfra.await("all records relayed", Duration.ofSeconds(120), () -> relay.publishedCount() == records);
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        LOG.infof("Relayed %d records in %.2f s: %.0f records/s", records, seconds, records / seconds);
        assertEquals(0, TestInfra.outboxSize());
        try (TopicReader reader = new TopicReader(topic)) {
            assertEquals(records, reader.readAtLeast(records, Duration.ofSeconds(60)).size());
        }
    }

    /** Every (key, version) arrived; per key, versions never go back (a retry may repeat, never reorder). */
    private static void assertInOrderPerKey(List<ConsumerRecord<String, byte[]>> records, int keys, int versions) {
        Map<String, List<Long>> versionsByKey = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            versionsByKey.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(WireFormat.fromConsumerRecord(record).version());
        }
        assertEquals(keys, versionsByKey.size());
        versionsByKey.forEach((key, seen) -> {
            for (int i = 1; i < seen.size(); i++) {
                assertTrue(seen.get(i) >= seen.get(i - 1), key + " out of order: " + seen);
            }
            assertArrayEquals(LongStream.rangeClosed(1, versions).toArray(),
                    seen.stream().distinct().mapToLong(Long::longValue).toArray(), key + " incomplete: " + seen);
        });
    }

    /** Reads until {@code count} distinct (key, version) pairs arrived: a retried round may repeat records. */
    private static List<ConsumerRecord<String, byte[]>> readDistinct(TopicReader reader, int count, Duration timeout) {
        return reader.readUntil(count + " distinct records", records -> records.stream()
                .map(record -> record.key() + "@" + header(record, WireFormat.VERSION_HEADER))
                .distinct().count() >= count, timeout);
    }

    private OutboxRelayWorker startRelay() {
        OutboxRelayWorker relay = new OutboxRelayWorker(pool,
                OutboxRelayWorker.Settings.defaults(kafka.bootstrapServers()));
        relays.add(relay);
        relay.start();
        return relay;
    }

    private void commit(List<SnapshotRecord> records) {
        pool.withTransaction(tx -> outbox.appendAll(tx, records)).await().atMost(TestInfra.TIMEOUT);
    }

    private SnapshotRecord snapshot(String key, long version, String json) {
        JsonNode data = WireFormat.parse(json);
        return new SnapshotRecord(topic, key, WORKSPACE, version, data);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
