package dev.praetor.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProjectorTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final ProjectionTable RUNS = new ProjectionTable("flow-runs", "run_projection", List.of(
            ProjectionColumn.of("flow_id", ProjectionColumn.Type.UUID),
            ProjectionColumn.of("state_type", ProjectionColumn.Type.TEXT),
            ProjectionColumn.of("tags", ProjectionColumn.Type.TEXT_ARRAY),
            ProjectionColumn.of("start_time", ProjectionColumn.Type.TIMESTAMPTZ),
            ProjectionColumn.of("created_by", ProjectionColumn.Type.JSONB)));

    private final Pool pool = TestInfra.pool();
    private final Projector projector = new Projector(pool, List.of(RUNS));

    @BeforeAll
    static void createProjectionTable() {
        TestInfra.pool().query("""
                DROP TABLE IF EXISTS run_projection;
                CREATE TABLE run_projection (
                    id           uuid        PRIMARY KEY,
                    workspace_id uuid        NOT NULL,
                    version      bigint      NOT NULL,
                    deleted      boolean     NOT NULL,
                    flow_id      uuid,
                    state_type   text,
                    tags         text[]      NOT NULL DEFAULT '{}',
                    start_time   timestamptz,
                    created_by   jsonb
                )""").execute().await().atMost(TestInfra.TIMEOUT);
    }

    @Test
    void snapshotFieldsBecomeTypedColumns() {
        UUID id = UUID.randomUUID();
        UUID flowId = UUID.randomUUID();
        apply(run(id, 1, "{\"flow_id\":\"" + flowId + "\",\"state_type\":\"FAILED\",\"tags\":[\"a\",\"b\"],"
                + "\"start_time\":\"2025-03-01T10:00:00.123456Z\",\"created_by\":{\"id\":null,\"type\":\"DEPLOYMENT\"},"
                + "\"ignored\":{\"x\":1}}"));
        Row row = row(id);
        assertEquals(flowId, row.getUUID("flow_id"));
        assertEquals("FAILED", row.getString("state_type"));
        assertArrayEquals(new String[] {"a", "b"}, row.getArrayOfStrings("tags"));
        assertEquals(OffsetDateTime.parse("2025-03-01T10:00:00.123456Z").toInstant(),
                row.getOffsetDateTime("start_time").toInstant());
        assertEquals("DEPLOYMENT", row.getJsonObject("created_by").getString("type"));
    }

    @Test
    void onlyTheNewestRecordOfABatchCountsAndATombstoneWinsATie() {
        UUID id = UUID.randomUUID();
        apply(run(id, 3, "{\"state_type\":\"RUNNING\"}"), run(id, 5, "{\"state_type\":\"FAILED\"}"),
                run(id, 4, "{\"state_type\":\"COMPLETED\"}"));
        assertEquals("FAILED", row(id).getString("state_type"));
        assertEquals(5L, row(id).getLong("version"));

        apply(run(id, 6, "{\"state_type\":\"CRASHED\"}"), SnapshotRecord.tombstone("flow-runs", id.toString(), WORKSPACE, 6));
        Row deleted = row(id);
        assertTrue(deleted.getBoolean("deleted"));
        assertEquals(6L, deleted.getLong("version"));
        assertNull(deleted.getString("state_type"), "a delete marker keeps nothing of the entity");
        assertArrayEquals(new String[0], deleted.getArrayOfStrings("tags"));
    }

    @Test
    void aRecordThatCanNeverApplyIsSkippedAndTheRestOfTheBatchApplies() {
        UUID good = UUID.randomUUID();
        UUID bad = UUID.randomUUID();
        apply(run(bad, 1, "{\"flow_id\":\"not-a-uuid\"}"), run(good, 1, "{\"state_type\":\"PENDING\"}"),
                new SnapshotRecord("flow-runs", "not-a-uuid", WORKSPACE, 1, TestJson.parse("{}")),
                new SnapshotRecord("other-topic", UUID.randomUUID().toString(), WORKSPACE, 1, TestJson.parse("{}")));
        assertEquals("PENDING", row(good).getString("state_type"));
        assertEquals(0, pool.preparedQuery("SELECT 1 FROM run_projection WHERE id = $1").execute(Tuple.of(bad))
                .await().atMost(TestInfra.TIMEOUT).size());
    }

    @Test
    void namesAreCheckedAtConstruction() {
        ProjectionTable hostile = new ProjectionTable("t", "x; DROP TABLE run_projection",
                List.of(ProjectionColumn.of("a", ProjectionColumn.Type.TEXT)));
        assertThrows(IllegalArgumentException.class, () -> new Projector(pool, List.of(hostile)));
        assertThrows(IllegalArgumentException.class, () -> new Projector(pool, List.of(RUNS, RUNS.in("other"))));
        assertThrows(IllegalArgumentException.class, () -> RUNS.only("nope"));
    }

    private void apply(SnapshotRecord... records) {
        projector.apply(List.of(records)).await().atMost(TestInfra.TIMEOUT);
    }

    private static SnapshotRecord run(UUID id, long version, String json) {
        return new SnapshotRecord("flow-runs", id.toString(), WORKSPACE, version, TestJson.parse(json));
    }

    private Row row(UUID id) {
        RowIterator<Row> rows = pool.preparedQuery("SELECT * FROM run_projection WHERE id = $1")
                .execute(Tuple.of(id)).await().atMost(TestInfra.TIMEOUT).iterator();
        assertTrue(rows.hasNext(), "row " + id + " exists");
        return rows.next();
    }

    /** JSON as the wire format parses it. */
    static final class TestJson {
        static JsonNode parse(String json) {
            return WireFormat.parse(json);
        }
    }
}
