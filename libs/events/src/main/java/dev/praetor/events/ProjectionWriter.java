package dev.praetor.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Idempotent writes into projection tables fed by snapshot topics: a row changes only for a higher version, so
 * replays, duplicates and late arrivals leave it as it is.
 *
 * <p>A projection table has {@code id uuid PRIMARY KEY, workspace_id uuid NOT NULL, version bigint NOT NULL,
 * deleted boolean NOT NULL} plus its own columns, which must be nullable or have defaults (a delete marker for an id
 * never seen carries none of them). Readers filter on {@code NOT deleted}.
 *
 * <p>Table and column names come from code: they are checked against {@code [a-z_][a-z0-9_]*} and quoted (so that
 * names such as {@code order} work); every value is a statement parameter.
 */
@ApplicationScoped
public class ProjectionWriter {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Set<String> MANAGED_COLUMNS = Set.of("id", "workspace_id", "version", "deleted");

    /**
     * Inserts the snapshot, or replaces the row's columns when the row holds an older version (or an older delete
     * marker). One statement.
     *
     * @param columns the projection's own columns (not id, workspace_id, version or deleted) and their values
     * @return true when the row was written, false when it already had this version or a newer one
     * @throws IllegalArgumentException for an invalid table or column name
     */
    public Uni<Boolean> upsertIfNewer(SqlClient client, String table, UUID id, UUID workspaceId, long version,
            Map<String, Object> columns) {
        Tuple params = Tuple.tuple().addUUID(id).addUUID(workspaceId).addLong(version);
        columns.values().forEach(params::addValue);
        return client.preparedQuery(upsertSql(table, List.copyOf(columns.keySet()))).execute(params)
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * The statement of {@link #upsertIfNewer}: parameters {@code $1} id, {@code $2} workspace id, {@code $3} version,
     * then the values of {@code columns} in order. Its text depends only on the table and the column names, so a
     * batch of snapshots of one projection runs as one prepared statement ({@link Projector}).
     *
     * @throws IllegalArgumentException for an invalid table or column name, or a managed column
     */
    public static String upsertSql(String table, List<String> columns) {
        String t = quoted(table);
        StringBuilder names = new StringBuilder("id, workspace_id, version, deleted");
        StringBuilder values = new StringBuilder("$1, $2, $3, false");
        StringBuilder updates = new StringBuilder(
                "workspace_id = EXCLUDED.workspace_id, version = EXCLUDED.version, deleted = false");
        int position = 3;
        for (String column : columns) {
            String name = quoted(column);
            if (MANAGED_COLUMNS.contains(column)) {
                throw new IllegalArgumentException("column " + column + " is managed by ProjectionWriter");
            }
            names.append(", ").append(name);
            values.append(", $").append(++position);
            updates.append(", ").append(name).append(" = EXCLUDED.").append(name);
        }
        return "INSERT INTO " + t + " (" + names + ") VALUES (" + values + ")"
                + " ON CONFLICT (id) DO UPDATE SET " + updates
                + " WHERE " + t + ".version < EXCLUDED.version";
    }

    /**
     * Marks the row deleted at {@code version} (inserting a marker row when the id was never seen), so that an older
     * snapshot arriving later cannot bring it back. A delete wins over a snapshot of the same version, as owners may
     * publish a tombstone with the entity's last version.
     *
     * @return true when the marker was written, false when the row already had a newer version or was deleted at it
     * @throws IllegalArgumentException for an invalid table name
     */
    public Uni<Boolean> deleteIfNewer(SqlClient client, String table, UUID id, UUID workspaceId, long version) {
        return client.preparedQuery(deleteSql(table)).execute(Tuple.of(id, workspaceId, version))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * The statement of {@link #deleteIfNewer}: parameters {@code $1} id, {@code $2} workspace id, {@code $3} version.
     *
     * @throws IllegalArgumentException for an invalid table name
     */
    public static String deleteSql(String table) {
        String t = quoted(table);
        return "INSERT INTO " + t + " (id, workspace_id, version, deleted) VALUES ($1, $2, $3, true)"
                + " ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, deleted = true"
                + " WHERE " + t + ".version < EXCLUDED.version"
                + " OR (" + t + ".version = EXCLUDED.version AND NOT " + t + ".deleted)";
    }

    /**
     * Like {@link #deleteSql(String)}, and the marker also resets {@code columns} to their defaults, so that it keeps
     * nothing of the deleted entity and a table rebuilt by a replay is identical to one fed live.
     *
     * @throws IllegalArgumentException for an invalid table or column name, or a managed column
     */
    public static String deleteSql(String table, List<String> columns) {
        String t = quoted(table);
        StringBuilder resets = new StringBuilder();
        for (String column : columns) {
            if (MANAGED_COLUMNS.contains(column)) {
                throw new IllegalArgumentException("column " + column + " is managed by ProjectionWriter");
            }
            resets.append(", ").append(quoted(column)).append(" = DEFAULT");
        }
        return "INSERT INTO " + t + " (id, workspace_id, version, deleted) VALUES ($1, $2, $3, true)"
                + " ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, deleted = true" + resets
                + " WHERE " + t + ".version < EXCLUDED.version"
                + " OR (" + t + ".version = EXCLUDED.version AND NOT " + t + ".deleted)";
    }

    private static String quoted(String identifier) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + identifier);
        }
        return '"' + identifier + '"';
    }
}
