package dev.praetor.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProjectionWriterTest {

    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final String TABLE = "flow_projection";

    private final Pool pool = TestInfra.pool();
    private final ProjectionWriter writer = new ProjectionWriter();
    private final UUID id = UUID.randomUUID();

    @BeforeAll
    static void createProjectionTable() {
        TestInfra.pool().query("""
                DROP TABLE IF EXISTS flow_projection;
                CREATE TABLE flow_projection (
                    id           uuid    PRIMARY KEY,
                    workspace_id uuid    NOT NULL,
                    version      bigint  NOT NULL,
                    deleted      boolean NOT NULL,
                    name         text,
                    "order"      integer
                )""").execute().await().atMost(TestInfra.TIMEOUT);
    }

    @Test
    void newerVersionWinsOlderAndDuplicateAreIgnored() {
        assertTrue(upsert(2, "v2"));
        assertTrue(upsert(5, "v5"));
        assertFalse(upsert(3, "v3"), "an older snapshot arriving late is ignored");
        assertFalse(upsert(5, "v5 again"), "a duplicate is ignored");
        assertEquals("v5", row().getString("name"));
        assertEquals(5L, row().getLong("version"));
    }

    @Test
    void deleteMarkerBlocksResurrectionByOlderSnapshots() {
        assertTrue(upsert(1, "v1"));
        assertTrue(delete(3));
        assertFalse(upsert(2, "v2"), "older than the delete");
        assertFalse(upsert(3, "v3"), "same version as the delete");
        assertFalse(delete(3), "a duplicate tombstone is ignored");
        assertFalse(delete(2), "an older tombstone is ignored");
        Row row = row();
        assertTrue(row.getBoolean("deleted"));
        assertEquals(3L, row.getLong("version"));

        assertTrue(upsert(4, "v4"), "a newer snapshot wins over the marker");
        assertFalse(row().getBoolean("deleted"));
        assertEquals("v4", row().getString("name"));
    }

    @Test
    void deleteOfAnUnseenIdLeavesAMarkerThatBlocksItsOlderSnapshots() {
        assertTrue(delete(7));
        assertFalse(upsert(6, "late"));
        Row row = row();
        assertTrue(row.getBoolean("deleted"));
        assertNull(row.getString("name"));
    }

    @Test
    void tombstoneWithTheVersionOfTheLastSnapshotDeletes() {
        assertTrue(upsert(4, "v4"));
        assertTrue(delete(4));
        assertTrue(row().getBoolean("deleted"));
    }

    @Test
    void valuesAreParametersAndNamesAreChecked() {
        String hostile = "x'); DROP TABLE flow_projection; --";
        assertTrue(upsert(1, hostile));
        assertEquals(hostile, row().getString("name"));

        Map<String, Object> reservedWord = Map.of("order", 3);
        assertTrue(writer.upsertIfNewer(pool, TABLE, id, WORKSPACE, 2, reservedWord).await().atMost(TestInfra.TIMEOUT));
        assertEquals(3, row().getInteger("order"));

        assertThrows(IllegalArgumentException.class,
                () -> writer.upsertIfNewer(pool, "flow_projection; DROP TABLE x", id, WORKSPACE, 3, Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> writer.upsertIfNewer(pool, TABLE, id, WORKSPACE, 3, Map.of("name = 'x' --", "y")));
        assertThrows(IllegalArgumentException.class,
                () -> writer.upsertIfNewer(pool, TABLE, id, WORKSPACE, 3, Map.of("Name", "y")));
        assertThrows(IllegalArgumentException.class,
                () -> writer.upsertIfNewer(pool, TABLE, id, WORKSPACE, 3, Map.of("version", 9L)));
        assertThrows(IllegalArgumentException.class,
                () -> writer.deleteIfNewer(pool, "\"flow_projection\"", id, WORKSPACE, 3));
    }

    private boolean upsert(long version, String name) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("name", name);
        return writer.upsertIfNewer(pool, TABLE, id, WORKSPACE, version, columns).await().atMost(TestInfra.TIMEOUT);
    }

    private boolean delete(long version) {
        return writer.deleteIfNewer(pool, TABLE, id, WORKSPACE, version).await().atMost(TestInfra.TIMEOUT);
    }

    private Row row() {
        RowIterator<Row> rows = pool.preparedQuery("SELECT * FROM flow_projection WHERE id = $1")
                .execute(Tuple.of(id)).await().atMost(TestInfra.TIMEOUT).iterator();
        assertTrue(rows.hasNext(), "row " + id + " exists");
        return rows.next();
    }
}
