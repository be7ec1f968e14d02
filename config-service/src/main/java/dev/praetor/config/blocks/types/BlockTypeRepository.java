package dev.praetor.config.blocks.types;

import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The only place with SQL for the {@code block_type} table. Every statement is scoped by workspace. */
@ApplicationScoped
public class BlockTypeRepository {
    private static final String[] COLUMN_NAMES = {"id", "created", "updated", "name", "slug", "logo_url",
        "documentation_url", "description", "code_example", "is_protected"};
    private static final String COLUMNS = columns("t", "");

    /** The four descriptive columns a PATCH may write; null fields are left alone. */
    public record Changes(Change logoUrl, Change documentationUrl, Change description, Change codeExample) {
    }

    /** A new value for a column, possibly null. */
    public record Change(String value) {
    }

    @Inject
    Pool pool;

    public Pool pool() {
        return pool;
    }

    /** The select list of a block type joined as {@code alias}, each column named {@code prefix + column}. */
    public static String columns(String alias, String prefix) {
        List<String> columns = new ArrayList<>();
        for (String column : COLUMN_NAMES) {
            columns.add(alias + "." + column + " AS " + prefix + column);
        }
        return String.join(", ", columns);
    }

    /** Reads a block type selected with {@link #columns}. */
    public static BlockType fromRow(Row row, String prefix) {
        return new BlockType(row.getUUID(prefix + "id"), row.getOffsetDateTime(prefix + "created"),
                row.getOffsetDateTime(prefix + "updated"), row.getString(prefix + "name"), row.getString(prefix + "slug"),
                row.getString(prefix + "logo_url"), row.getString(prefix + "documentation_url"),
                row.getString(prefix + "description"), row.getString(prefix + "code_example"),
                row.getBoolean(prefix + "is_protected"));
    }

    /** Inserts the type unless its slug is taken; null when it is. */
    public Uni<BlockType> insert(UUID workspaceId, UUID id, BlockTypeCreate create, String description,
            String codeExample) {
        String sql = "INSERT INTO block_type AS t (id, workspace_id, name, slug, logo_url, documentation_url, "
                + "description, code_example, is_protected, created, updated) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false, now(), now()) "
                + "ON CONFLICT (workspace_id, slug) DO NOTHING RETURNING " + COLUMNS;
        Tuple args = Tuple.from(Arrays.asList(id, workspaceId, create.name(), create.slug(), create.logo_url(),
                create.documentation_url(), description, codeExample));
        return pool.preparedQuery(sql).execute(args).map(BlockTypeRepository::first);
    }

    /**
     * Creates or overwrites a protected system type, keyed by slug (Prefect's {@code create_block_type} with
     * {@code override}); returns its id.
     */
    public Uni<UUID> upsertProtected(SqlClient tx, UUID workspaceId, UUID id, String name, String slug, String logoUrl,
            String documentationUrl, String description, String codeExample) {
        String sql = "INSERT INTO block_type AS t (id, workspace_id, name, slug, logo_url, documentation_url, "
                + "description, code_example, is_protected, created, updated) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, now(), now()) "
                + "ON CONFLICT (workspace_id, slug) DO UPDATE SET name = EXCLUDED.name, logo_url = EXCLUDED.logo_url, "
                + "documentation_url = EXCLUDED.documentation_url, description = EXCLUDED.description, "
                + "code_example = EXCLUDED.code_example, is_protected = true, updated = now() RETURNING t.id";
        Tuple args = Tuple.from(Arrays.asList(id, workspaceId, name, slug, logoUrl, documentationUrl, description,
                codeExample));
        return tx.preparedQuery(sql).execute(args).map(rows -> rows.iterator().next().getUUID(0));
    }

    public Uni<BlockType> findById(SqlClient client, UUID workspaceId, UUID id) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM block_type t WHERE t.workspace_id = $1 AND t.id = $2")
                .execute(Tuple.of(workspaceId, id)).map(BlockTypeRepository::first);
    }

    public Uni<BlockType> findBySlug(SqlClient client, UUID workspaceId, String slug) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM block_type t WHERE t.workspace_id = $1 AND t.slug = $2")
                .execute(Tuple.of(workspaceId, slug)).map(BlockTypeRepository::first);
    }

    /** Writes the changes and bumps {@code updated}. */
    public Uni<Void> update(UUID workspaceId, UUID id, Changes changes) {
        SqlParams params = new SqlParams();
        List<String> sets = new ArrayList<>();
        set(sets, params, "logo_url", changes.logoUrl());
        set(sets, params, "documentation_url", changes.documentationUrl());
        set(sets, params, "description", changes.description());
        set(sets, params, "code_example", changes.codeExample());
        sets.add("updated = now()");
        String sql = "UPDATE block_type SET " + String.join(", ", sets) + " WHERE workspace_id = "
                + params.bind(workspaceId) + " AND id = " + params.bind(id);
        return pool.preparedQuery(sql).execute(params.tuple()).replaceWithVoid();
    }

    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return pool.preparedQuery("DELETE FROM block_type WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id)).replaceWithVoid();
    }

    /** Types by name; with a schema filter, only types having a matching schema. */
    public Uni<List<BlockType>> filter(UUID workspaceId, BlockTypeReadRequest request, int limit, int offset) {
        SqlParams params = new SqlParams();
        Conditions conditions = Conditions.all(params, Relations.NONE);
        String ws = params.bind(workspaceId);
        conditions.add("t.workspace_id = " + ws);
        conditions.nested(request.block_types(), "t");
        if (request.block_schemas() != null) {
            conditions.add("EXISTS (SELECT 1 FROM block_schema s WHERE s.workspace_id = " + ws
                    + " AND s.block_type_id = t.id AND " + conditions.compile(request.block_schemas(), "s") + ")");
        }
        String sql = "SELECT " + COLUMNS + " FROM block_type t WHERE " + conditions.toSql() + " ORDER BY t.name"
                + " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            List<BlockType> types = new ArrayList<>(rows.size());
            rows.forEach(row -> types.add(fromRow(row, "")));
            return types;
        });
    }

    private static void set(List<String> sets, SqlParams params, String column, Change change) {
        if (change != null) {
            sets.add(column + " = " + params.bind(change.value()) + "::text");
        }
    }

    private static BlockType first(RowSet<Row> rows) {
        return rows.size() == 0 ? null : fromRow(rows.iterator().next(), "");
    }
}
