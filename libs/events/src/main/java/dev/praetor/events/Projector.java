package dev.praetor.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies batches of snapshot records to projection tables, idempotently and whatever their order: per table one
 * transaction-wide batch of {@link ProjectionWriter} upserts and delete markers, so a row only ever moves to a higher
 * version (a tombstone wins a tie, and leaves a marker without the entity's columns). Within a batch only the newest
 * record per key is written. Replaying a topic therefore changes nothing, and a fresh consumer group rebuilds the
 * tables from the compacted topics, row for row.
 *
 * <p>A record that can never be applied (a key that is not a UUID, a field its column cannot store) is logged with
 * its coordinates and skipped, as {@link SnapshotConsumer} does with records that break the wire format.
 */
public final class Projector {

    private static final Logger LOG = Logger.getLogger(Projector.class);

    private final Pool pool;
    private final Map<String, ProjectionTable> tablesByTopic = new LinkedHashMap<>();

    /** @param tables at most one projection per topic */
    public Projector(Pool pool, List<ProjectionTable> tables) {
        this.pool = pool;
        for (ProjectionTable table : tables) {
            if (tablesByTopic.put(table.topic(), table) != null) {
                throw new IllegalArgumentException("two projections of topic " + table.topic());
            }
            // Validates the names once, at startup, rather than on the first record.
            ProjectionWriter.upsertSql(table.table(), table.columnNames());
        }
    }

    public List<String> topics() {
        return List.copyOf(tablesByTopic.keySet());
    }

    public List<ProjectionTable> tables() {
        return List.copyOf(tablesByTopic.values());
    }

    /** Applies the records in one transaction; records of topics without a projection are ignored. */
    public Uni<Void> apply(List<SnapshotRecord> records) {
        Map<ProjectionTable, Map<UUID, SnapshotRecord>> newest = newestPerKey(records);
        if (newest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Map.Entry<ProjectionTable, Map<UUID, SnapshotRecord>> entry : newest.entrySet()) {
                ProjectionTable table = entry.getKey();
                List<Tuple> upserts = new ArrayList<>();
                List<Tuple> deletes = new ArrayList<>();
                entry.getValue().forEach((id, record) -> collect(table, id, record, upserts, deletes));
                chain = chain.call(() -> batch(tx, ProjectionWriter.upsertSql(table.table(), table.columnNames()), upserts))
                        .call(() -> batch(tx, ProjectionWriter.deleteSql(table.table(), table.columnNames()), deletes));
            }
            return chain;
        });
    }

    private Map<ProjectionTable, Map<UUID, SnapshotRecord>> newestPerKey(List<SnapshotRecord> records) {
        Map<ProjectionTable, Map<UUID, SnapshotRecord>> newest = new LinkedHashMap<>();
        for (SnapshotRecord record : records) {
            ProjectionTable table = tablesByTopic.get(record.topic());
            if (table == null) {
                continue;
            }
            UUID id;
            try {
                id = UUID.fromString(record.key());
            } catch (IllegalArgumentException e) {
                LOG.errorf("Skipping snapshot %s/%s: the key is not a UUID", record.topic(), record.key());
                continue;
            }
            newest.computeIfAbsent(table, t -> new LinkedHashMap<>()).merge(id, record, Projector::newer);
        }
        return newest;
    }

    /** The record a projection keeps of two for one key: the higher version, the tombstone on a tie. */
    static SnapshotRecord newer(SnapshotRecord a, SnapshotRecord b) {
        if (a.version() != b.version()) {
            return a.version() > b.version() ? a : b;
        }
        return b.isTombstone() ? b : a;
    }

    private static void collect(ProjectionTable table, UUID id, SnapshotRecord record, List<Tuple> upserts,
            List<Tuple> deletes) {
        if (record.isTombstone()) {
            deletes.add(Tuple.of(id, record.workspaceId(), record.version()));
            return;
        }
        try {
            Tuple params = Tuple.tuple().addUUID(id).addUUID(record.workspaceId()).addLong(record.version());
            table.values(record.data()).values().forEach(params::addValue);
            upserts.add(params);
        } catch (IllegalArgumentException e) {
            LOG.errorf("Skipping snapshot %s/%s version %d: %s", record.topic(), record.key(), record.version(),
                    e.getMessage());
        }
    }

    private static Uni<Void> batch(SqlConnection tx, String sql, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }
}
