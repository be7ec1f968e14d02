package dev.praetor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox table alone; no relay runs here. */
class OutboxTest {

    private static final UUID WORKSPACE = UUID.randomUUID();

    private final Pool pool = TestInfra.pool();
    private final Outbox outbox = new Outbox();

    @BeforeEach
    void emptyOutbox() {
        pool.query("TRUNCATE outbox").execute().await().atMost(TestInfra.TIMEOUT);
    }

    @Test
    void appendAllKeepsListOrderInOneStatement() {
        List<SnapshotRecord> records = LongStream.rangeClosed(1, 2_000)
                .mapToObj(version -> new SnapshotRecord("flows", "k", WORKSPACE, version,
                        WireFormat.parse("{\"v\":" + version + "}")))
                .toList();
        pool.withTransaction(tx -> outbox.appendAll(tx, records)).await().atMost(TestInfra.TIMEOUT);

        List<Long> versions = new ArrayList<>();
        for (Row row : pool.query("SELECT version, payload->>'v' AS v FROM outbox ORDER BY id").execute()
                .await().atMost(TestInfra.TIMEOUT)) {
            assertEquals(Long.toString(row.getLong("version")), row.getString("v"));
            versions.add(row.getLong("version"));
        }
        assertEquals(LongStream.rangeClosed(1, 2_000).boxed().toList(), versions);
    }

    @Test
    void tombstoneIsStoredWithoutPayload() {
        pool.withTransaction(tx -> outbox.append(tx, SnapshotRecord.tombstone("flows", "k", WORKSPACE, 3)))
                .await().atMost(TestInfra.TIMEOUT);
        Row row = pool.query("SELECT * FROM outbox").execute().await().atMost(TestInfra.TIMEOUT).iterator().next();
        assertEquals("flows", row.getString("topic"));
        assertEquals("k", row.getString("record_key"));
        assertEquals(WORKSPACE, row.getUUID("workspace_id"));
        assertEquals(3L, row.getLong("version"));
        assertNull(row.getValue("payload"));
    }

    @Test
    void rolledBackAppendLeavesNoRow() {
        Uni<Void> rolledBack = pool.withTransaction(tx -> outbox.appendAll(tx, List.of(
                        SnapshotRecord.tombstone("flows", "k", WORKSPACE, 1)))
                .flatMap(ignored -> Uni.createFrom().failure(new IllegalStateException("abort"))));
        assertThrows(IllegalStateException.class, () -> rolledBack.await().atMost(TestInfra.TIMEOUT));
        assertEquals(0, TestInfra.outboxSize());
    }
}
