package dev.praetor.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Writes change facts to the {@code outbox} table inside the caller's transaction; the {@link OutboxRelay} publishes
 * them to Kafka once (and only if) that transaction commits.
 *
 * <p>Per key, publication order is outbox id order, so a writer must append an entity's snapshots in version order,
 * which it does naturally when it locks the entity row for the change.
 */
@ApplicationScoped
public class Outbox {

    /**
     * One statement for any number of rows: the rows travel as five array parameters, so the statement text (and its
     * prepared form) never changes with the batch size and there is no limit on parameters. Ordinality keeps the ids
     * in list order.
     */
    private static final String INSERT = """
            INSERT INTO outbox (topic, record_key, workspace_id, version, payload)
            SELECT topic, record_key, workspace_id, version, payload::jsonb
              FROM unnest($1::text[], $2::text[], $3::uuid[], $4::bigint[], $5::text[])
                   WITH ORDINALITY AS r(topic, record_key, workspace_id, version, payload, ord)
             ORDER BY ord""";

    /** Appends the record in the transaction that {@code tx} is running. */
    public Uni<Void> append(SqlConnection tx, SnapshotRecord record) {
        return appendAll(tx, List.of(record));
    }

    /** Appends the records, in list order, with one multi-row INSERT in the transaction that {@code tx} is running. */
    public Uni<Void> appendAll(SqlConnection tx, List<SnapshotRecord> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Built inside the Uni so that a record that cannot be serialised fails the Uni instead of throwing.
        return Uni.createFrom().item(() -> toParameters(records))
                .flatMap(params -> tx.preparedQuery(INSERT).execute(params))
                .replaceWithVoid();
    }

    private static Tuple toParameters(List<SnapshotRecord> records) {
        int n = records.size();
        String[] topics = new String[n];
        String[] keys = new String[n];
        UUID[] workspaceIds = new UUID[n];
        Long[] versions = new Long[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            SnapshotRecord record = records.get(i);
            topics[i] = record.topic();
            keys[i] = record.key();
            workspaceIds[i] = record.workspaceId();
            versions[i] = record.version();
            payloads[i] = record.isTombstone() ? null : json(record);
        }
        return Tuple.tuple()
                .addArrayOfString(topics)
                .addArrayOfString(keys)
                .addArrayOfUUID(workspaceIds)
                .addArrayOfLong(versions)
                .addArrayOfString(payloads);
    }

    private static String json(SnapshotRecord record) {
        try {
            return WireFormat.JSON.writeValueAsString(record.data());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("snapshot data of " + record.topic() + "/" + record.key()
                    + " cannot be serialised", e);
        }
    }
}
