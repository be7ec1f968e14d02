package dev.praetor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.praetor.infra.EmbeddedKafkaBroker;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnapshotConsumerTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final String TABLE = "consumer_projection";
    private static final Duration SLOW = Duration.ofSeconds(60);

    private final Pool pool = TestInfra.pool();
    private final EmbeddedKafkaBroker kafka = TestInfra.kafka();
    private final Outbox outbox = new Outbox();
    private final ProjectionWriter writer = new ProjectionWriter();
    private final List<AutoCloseable> running = new ArrayList<>();
    private String topic;

    @BeforeEach
    void freshTopicAndProjection() {
        topic = "consumer-test-" + UUID.randomUUID();
        kafka.createTopics(Map.of(topic, true));
        pool.query("DROP TABLE IF EXISTS " + TABLE + "; CREATE TABLE " + TABLE + " (id uuid PRIMARY KEY,"
                + " workspace_id uuid NOT NULL, version bigint NOT NULL, deleted boolean NOT NULL, name text)")
                .execute().await().atMost(TestInfra.TIMEOUT);
        OutboxRelayWorker relay = new OutboxRelayWorker(pool,
                OutboxRelayWorker.Settings.defaults(kafka.bootstrapServers()));
        running.add(relay);
        relay.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable closeable : running) {
            closeable.close();
        }
    }

    @Test
    void freshGroupRebuildsTheProjectionAndReplayingAgainChangesNothing() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(UUID.randomUUID());
        }
        for (int version = 1; version <= 3; version++) {
            List<SnapshotRecord> changes = new ArrayList<>();
            for (UUID id : ids) {
                changes.add(snapshot(id, version));
            }
            commit(changes);
        }
        commit(ids.subList(0, 5).stream().map(id -> SnapshotRecord.tombstone(topic, id.toString(), WORKSPACE, 4))
                .toList());
        int produced = 30 * 3 + 5;

        AtomicInteger seen = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();
        startConsumer("rebuild-" + UUID.randomUUID(), projection(seen, applied));
        TestInfra.await("all records consumed", SLOW, () -> seen.get() >= produced);
        List<String> rebuilt = projectionRows();
        assertEquals(30, rebuilt.size());
        assertEquals(25, rebuilt.stream().filter(row -> row.endsWith("v3 name-3 live")).count(), rebuilt.toString());
        assertEquals(5, rebuilt.stream().filter(row -> row.endsWith("v4 name-3 deleted")).count(), rebuilt.toString());

        AtomicInteger replaySeen = new AtomicInteger();
        AtomicInteger replayApplied = new AtomicInteger();
        startConsumer("replica-" + UUID.randomUUID(), projection(replaySeen, replayApplied));
        TestInfra.await("the replay consumed", SLOW, () -> replaySeen.get() >= produced);
        assertEquals(0, replayApplied.get(), "a replay writes nothing");
        assertEquals(rebuilt, projectionRows());
    }

    @Test
    void failedBatchIsRetriedAndOffsetsAreCommittedOnlyAfterSuccess() throws Exception {
        UUID id = UUID.randomUUID();
        commit(List.of(snapshot(id, 1), snapshot(id, 2)));
        String group = "retry-" + UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        AtomicBoolean healthy = new AtomicBoolean();
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();
        Function<List<SnapshotRecord>, Uni<Void>> project = projection(seen, applied);
        startConsumer(group, batch -> {
            attempts.incrementAndGet();
            return healthy.get()
                    ? project.apply(batch)
                    : Uni.createFrom().failure(new IllegalStateException("db down"));
        });

        TestInfra.await("three failed attempts", SLOW, () -> attempts.get() >= 3);
        assertTrue(committedOffsets(group).isEmpty(), "nothing committed while the handler fails");
        healthy.set(true);
        TestInfra.await("both records applied", SLOW, () -> seen.get() == 2);
        assertEquals(List.of(id + " v2 name-2 live"), projectionRows());
        TestInfra.await("offsets committed up to the end", SLOW, () -> committedOffsets(group).equals(endOffsets()));
    }

    @Test
    void consumerResumesAfterAKafkaOutage() {
        AtomicInteger seen = new AtomicInteger();
        AtomicInteger applied = new AtomicInteger();
        startConsumer("outage-" + UUID.randomUUID(), projection(seen, applied));
        UUID before = UUID.randomUUID();
        commit(List.of(snapshot(before, 1)));
        TestInfra.await("the first record applied", SLOW, () -> applied.get() == 1);

        UUID during = UUID.randomUUID();
        kafka.stop();
        try {
            commit(List.of(snapshot(during, 1), snapshot(before, 2)));
        } finally {
            kafka.restart();
        }
        TestInfra.await("records of the outage applied", Duration.ofSeconds(90), () -> applied.get() == 3);
        assertEquals(List.of(before + " v2 name-2 live", during + " v1 name-1 live").stream().sorted().toList(),
                projectionRows());
    }

    private Function<List<SnapshotRecord>, Uni<Void>> projection(AtomicInteger seen, AtomicInteger applied) {
        return batch -> pool.withTransaction(tx -> Multi.createFrom().iterable(batch)
                        .onItem().transformToUniAndConcatenate(record -> write(tx, record))
                        .collect().asList())
                .invoke(results -> {
                    seen.addAndGet(results.size());
                    applied.addAndGet((int) results.stream().filter(Boolean::booleanValue).count());
                })
                .replaceWithVoid();
    }

    private Uni<Boolean> write(SqlConnection tx, SnapshotRecord record) {
        UUID id = UUID.fromString(record.key());
        return record.isTombstone()
                ? writer.deleteIfNewer(tx, TABLE, id, record.workspaceId(), record.version())
                : writer.upsertIfNewer(tx, TABLE, id, record.workspaceId(), record.version(),
                        Map.of("name", record.data().get("name").asText()));
    }

    /** "id vN name live|deleted", sorted by id. */
    private List<String> projectionRows() {
        List<String> rows = new ArrayList<>();
        for (Row row : pool.query("SELECT * FROM " + TABLE + " ORDER BY id::text").execute()
                .await().atMost(TestInfra.TIMEOUT)) {
            rows.add(row.getUUID("id") + " v" + row.getLong("version") + " " + row.getString("name") + " "
                    + (row.getBoolean("deleted") ? "deleted" : "live"));
        }
        return rows;
    }

    private void startConsumer(String group, Function<List<SnapshotRecord>, Uni<Void>> handler) {
        running.add(SnapshotConsumer.start(kafka.bootstrapServers(), group, List.of(topic), handler));
    }

    /** Committed offsets of the partitions that have records (empty partitions may or may not have one). */
    private Map<TopicPartition, Long> committedOffsets(String group) {
        try (Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic)).allTopicNames().get()
                    .get(topic).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private void commit(List<SnapshotRecord> records) {
        pool.withTransaction(tx -> outbox.appendAll(tx, records)).await().atMost(TestInfra.TIMEOUT);
    }

    private SnapshotRecord snapshot(UUID id, long version) {
        return new SnapshotRecord(topic, id.toString(), WORKSPACE, version,
                WireFormat.parse("{\"name\":\"name-" + version + "\"}"));
    }
}
