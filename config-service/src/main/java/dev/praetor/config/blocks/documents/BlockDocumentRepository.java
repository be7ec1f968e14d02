package dev.praetor.config.blocks.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.config.blocks.types.BlockType;
import dev.praetor.config.blocks.types.BlockTypeRepository;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Relations;
import dev.praetor.rest.filter.SqlParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The only place with SQL for {@code block_document} and {@code block_document_reference}. Every statement is scoped
 * by workspace; data travels as JSON text.
 */
@ApplicationScoped
public class BlockDocumentRepository {
    /** Prefect refuses to follow references deeper than this. */
    static final int MAX_REFERENCE_DEPTH = 50;
    private static final String DOCUMENT_COLUMNS = "d.id, d.created, d.updated, d.name, d.data::text AS data, "
            + "d.is_anonymous, d.block_type_name, d.block_type_id, d.block_schema_id, "
            + "(s.fields -> 'secret_fields')::text AS secret_fields, " + BlockTypeRepository.columns("t", "type_");

    /** A document row with its type and its schema's secret fields; {@code data} excludes references. */
    record StoredDocument(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, ObjectNode data,
            boolean anonymous, String blockTypeName, UUID blockTypeId, UUID blockSchemaId, BlockType blockType,
            List<String> secretFields) {
    }

    /** A document reached while loading: a root (no parent), or field {@code name} of document {@code parentId}. */
    record TreeRow(UUID parentId, String name, StoredDocument document) {
    }

    /** A stored reference row. */
    record ReferenceRow(UUID id, String name, UUID documentId) {
    }

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    public Pool pool() {
        return pool;
    }

    public Uni<Boolean> nameTaken(SqlClient tx, UUID workspaceId, UUID blockTypeId, String name) {
        return tx.preparedQuery("SELECT 1 FROM block_document WHERE workspace_id = $1 AND block_type_id = $2 AND name = $3")
                .execute(Tuple.of(workspaceId, blockTypeId, name)).map(rows -> rows.size() > 0);
    }

    public Uni<Void> insert(SqlClient tx, UUID workspaceId, UUID id, String name, ObjectNode data, boolean anonymous,
            String blockTypeName, UUID blockTypeId, UUID blockSchemaId) {
        String sql = "INSERT INTO block_document (id, workspace_id, name, data, is_anonymous, block_type_name, "
                + "block_type_id, block_schema_id, created, updated) "
                + "VALUES ($1, $2, $3, $4::text::json, $5, $6, $7, $8, now(), now())";
        return tx.preparedQuery(sql).execute(Tuple.from(Arrays.asList(id, workspaceId, name, jsonText(data),
                anonymous, blockTypeName, blockTypeId, blockSchemaId))).replaceWithVoid();
    }

    /** Writes new data (and schema, when given) and bumps {@code updated}. */
    public Uni<Void> updateData(SqlClient tx, UUID workspaceId, UUID id, ObjectNode data, UUID blockSchemaId) {
        String sql = "UPDATE block_document SET data = $3::text::json, block_schema_id = coalesce($4, block_schema_id), "
                + "updated = now() WHERE workspace_id = $1 AND id = $2";
        return tx.preparedQuery(sql).execute(Tuple.of(workspaceId, id, jsonText(data), blockSchemaId)).replaceWithVoid();
    }

    /** The document locked for an update; null when it does not exist. */
    public Uni<StoredDocument> findForUpdate(SqlClient tx, UUID workspaceId, UUID id) {
        String sql = "SELECT " + DOCUMENT_COLUMNS + " FROM block_document d JOIN block_type t ON t.id = d.block_type_id "
                + "JOIN block_schema s ON s.id = d.block_schema_id WHERE d.workspace_id = $1 AND d.id = $2 FOR UPDATE OF d";
        return tx.preparedQuery(sql).execute(Tuple.of(workspaceId, id))
                .map(rows -> rows.size() == 0 ? null : toStored(rows.iterator().next()));
    }

    /** Which of {@code ids} are documents of the workspace. */
    public Uni<Set<UUID>> existing(SqlClient tx, UUID workspaceId, Collection<UUID> ids) {
        return tx.preparedQuery("SELECT id FROM block_document WHERE workspace_id = $1 AND id = ANY($2::uuid[])")
                .execute(Tuple.of(workspaceId, ids.toArray(UUID[]::new))).map(rows -> {
                    Set<UUID> found = new HashSet<>();
                    rows.forEach(row -> found.add(row.getUUID(0)));
                    return found;
                });
    }

    public Uni<List<ReferenceRow>> references(SqlClient tx, UUID workspaceId, UUID parentId) {
        return tx.preparedQuery("SELECT id, name, reference_block_document_id FROM block_document_reference "
                + "WHERE workspace_id = $1 AND parent_block_document_id = $2").execute(Tuple.of(workspaceId, parentId))
                .map(rows -> {
                    List<ReferenceRow> references = new ArrayList<>(rows.size());
                    rows.forEach(row -> references.add(new ReferenceRow(row.getUUID(0), row.getString(1), row.getUUID(2))));
                    return references;
                });
    }

    /** Whether an edge parent → reference would close a cycle: the parent is reachable from the reference. */
    public Uni<Boolean> wouldFormCycle(SqlClient tx, UUID workspaceId, UUID parentId, UUID referenceId) {
        String sql = "WITH RECURSIVE reachable AS (SELECT $2::uuid AS id UNION "
                + "SELECT r.reference_block_document_id FROM block_document_reference r "
                + "JOIN reachable ON r.parent_block_document_id = reachable.id WHERE r.workspace_id = $1) "
                + "SELECT EXISTS (SELECT 1 FROM reachable WHERE id = $3)";
        return tx.preparedQuery(sql).execute(Tuple.of(workspaceId, referenceId, parentId))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Uni<Void> insertReference(SqlClient tx, UUID workspaceId, UUID parentId, String name, UUID referenceId) {
        String sql = "INSERT INTO block_document_reference (id, workspace_id, name, parent_block_document_id, "
                + "reference_block_document_id, created) VALUES ($1, $2, $3, $4, $5, now())";
        return tx.preparedQuery(sql).execute(Tuple.of(UUID.randomUUID(), workspaceId, name, parentId, referenceId))
                .replaceWithVoid();
    }

    public Uni<Void> deleteReference(SqlClient tx, UUID id) {
        return tx.preparedQuery("DELETE FROM block_document_reference WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Boolean> delete(UUID workspaceId, UUID id) {
        return pool.preparedQuery("DELETE FROM block_document WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id)).map(rows -> rows.rowCount() > 0);
    }

    /** Ids of the selected documents, in the query's order. */
    public Uni<List<UUID>> selectIds(UUID workspaceId, BlockDocumentQuery query) {
        SqlParams params = new SqlParams();
        String sql = "SELECT d.id FROM block_document d WHERE " + where(params, workspaceId, query)
                + " ORDER BY " + query.sort().orderBy("d")
                + (query.limit() == null ? "" : " LIMIT " + params.bind(query.limit()))
                + " OFFSET " + params.bind(query.offset());
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            List<UUID> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(row.getUUID(0)));
            return ids;
        });
    }

    public Uni<Long> count(UUID workspaceId, BlockDocumentQuery query) {
        SqlParams params = new SqlParams();
        String sql = "SELECT count(*) FROM block_document d WHERE " + where(params, workspaceId, query);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> rows.iterator().next().getLong(0));
    }

    /** The documents {@code ids} and every document they reference, directly or not, up to Prefect's depth. */
    public Uni<List<TreeRow>> loadWithReferences(UUID workspaceId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String sql = "WITH RECURSIVE tree AS ("
                + "SELECT d.id, NULL::text AS reference_name, NULL::uuid AS parent_id, 0 AS depth FROM block_document d "
                + "WHERE d.workspace_id = $1 AND d.id = ANY($2::uuid[]) "
                + "UNION ALL SELECT r.reference_block_document_id, r.name, r.parent_block_document_id, tree.depth + 1 "
                + "FROM block_document_reference r JOIN tree ON r.parent_block_document_id = tree.id "
                + "WHERE r.workspace_id = $1 AND tree.depth < " + MAX_REFERENCE_DEPTH + ") "
                + "SELECT tree.parent_id, tree.reference_name, " + DOCUMENT_COLUMNS + " FROM tree "
                + "JOIN block_document d ON d.id = tree.id JOIN block_type t ON t.id = d.block_type_id "
                + "JOIN block_schema s ON s.id = d.block_schema_id";
        return pool.preparedQuery(sql).execute(Tuple.of(workspaceId, ids.toArray(UUID[]::new))).map(rows -> {
            List<TreeRow> tree = new ArrayList<>(rows.size());
            for (Row row : rows) {
                tree.add(new TreeRow(row.getUUID("parent_id"), row.getString("reference_name"), toStored(row)));
            }
            return tree;
        });
    }

    private static String where(SqlParams params, UUID workspaceId, BlockDocumentQuery query) {
        Conditions conditions = Conditions.all(params, Relations.NONE);
        String ws = params.bind(workspaceId);
        conditions.add("d.workspace_id = " + ws);
        conditions.nested(query.documents(), "d");
        if (query.types() != null) {
            conditions.add("EXISTS (SELECT 1 FROM block_type t WHERE t.workspace_id = " + ws
                    + " AND t.id = d.block_type_id AND " + conditions.compile(query.types(), "t") + ")");
        }
        if (query.schemas() != null) {
            conditions.add("EXISTS (SELECT 1 FROM block_schema s WHERE s.workspace_id = " + ws
                    + " AND s.id = d.block_schema_id AND " + conditions.compile(query.schemas(), "s") + ")");
        }
        return conditions.toSql();
    }

    private StoredDocument toStored(Row row) {
        return new StoredDocument(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                row.getString("name"), (ObjectNode) parse(row.getString("data")), row.getBoolean("is_anonymous"),
                row.getString("block_type_name"), row.getUUID("block_type_id"), row.getUUID("block_schema_id"),
                BlockTypeRepository.fromRow(row, "type_"), secretFields(row.getString("secret_fields")));
    }

    /** The schema's {@code secret_fields} (absent or malformed: none). */
    private List<String> secretFields(String json) {
        if (json == null) {
            return List.of();
        }
        JsonNode node = parse(json);
        List<String> fields = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(field -> {
                if (field.isTextual()) {
                    fields.add(field.textValue());
                }
            });
        }
        return fields;
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String jsonText(ObjectNode data) {
        try {
            return mapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
