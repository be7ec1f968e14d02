package dev.praetor.config.blocks.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.config.blocks.schemas.BlockSchemaAssembler.Reference;
import dev.praetor.config.blocks.schemas.BlockSchemaAssembler.StoredSchema;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The only place with SQL for {@code block_schema} and {@code block_schema_reference}. Every statement is scoped by
 * workspace.
 */
@ApplicationScoped
public class BlockSchemaRepository {
    private static final String SCHEMA_COLUMNS = "s.id, s.created, s.updated, s.checksum, s.fields::text AS fields, "
            + "s.capabilities, s.version, " + BlockTypeRepository.columns("t", "type_");

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    public Pool pool() {
        return pool;
    }

    /** The newest schema with this checksum (and version, when given); null when there is none. */
    public Uni<UUID> findIdByChecksum(SqlClient client, UUID workspaceId, String checksum, String version) {
        String sql = "SELECT s.id FROM block_schema s WHERE s.workspace_id = $1 AND s.checksum = $2"
                + (version == null ? "" : " AND s.version = $3") + " ORDER BY s.created DESC LIMIT 1";
        Tuple args = version == null ? Tuple.of(workspaceId, checksum) : Tuple.of(workspaceId, checksum, version);
        return client.preparedQuery(sql).execute(args).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
    }

    /** Inserts the schema unless (checksum, version) exists; returns the id of the row that holds them. */
    public Uni<UUID> insert(SqlClient tx, UUID workspaceId, UUID id, String checksum, ObjectNode fields,
            List<String> capabilities, String version, UUID blockTypeId) {
        String sql = "INSERT INTO block_schema (id, workspace_id, checksum, fields, capabilities, version, block_type_id, "
                + "created, updated) VALUES ($1, $2, $3, $4::text::jsonb, $5, $6, $7, now(), now()) "
                + "ON CONFLICT (workspace_id, checksum, version) DO NOTHING RETURNING id";
        Tuple args = Tuple.from(Arrays.asList(id, workspaceId, checksum, jsonText(fields),
                capabilities.toArray(String[]::new), version, blockTypeId));
        return tx.preparedQuery(sql).execute(args).flatMap(rows -> rows.size() > 0
                ? Uni.createFrom().item(rows.iterator().next().getUUID(0))
                : findIdByChecksum(tx, workspaceId, checksum, version));
    }

    public Uni<Void> insertReference(SqlClient tx, UUID workspaceId, UUID parentId, UUID childId, String name) {
        String sql = "INSERT INTO block_schema_reference (id, workspace_id, name, parent_block_schema_id, "
                + "reference_block_schema_id, created) VALUES ($1, $2, $3, $4, $5, now()) ON CONFLICT DO NOTHING";
        return tx.preparedQuery(sql).execute(Tuple.of(UUID.randomUUID(), workspaceId, name, parentId, childId))
                .replaceWithVoid();
    }

    /** Ids of the matching schemas, newest first (Prefect's fixed order for this route). */
    public Uni<List<UUID>> filterIds(UUID workspaceId, BlockSchemaReadRequest request, int limit, int offset) {
        SqlParams params = new SqlParams();
        Conditions conditions = Conditions.all(params, Relations.NONE);
        conditions.add("s.workspace_id = " + params.bind(workspaceId));
        conditions.nested(request.block_schemas(), "s");
        String sql = "SELECT s.id FROM block_schema s WHERE " + conditions.toSql() + " ORDER BY s.created DESC"
                + " LIMIT " + params.bind(limit) + " OFFSET " + params.bind(offset);
        return pool.preparedQuery(sql).execute(params.tuple()).map(rows -> {
            List<UUID> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(row.getUUID(0)));
            return ids;
        });
    }

    /** The schemas {@code ids} and every schema nested in them, with the references between them. */
    public Uni<BlockSchemaAssembler> loadWithNested(SqlClient client, UUID workspaceId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new BlockSchemaAssembler(Map.of(), List.of()));
        }
        UUID[] roots = ids.toArray(UUID[]::new);
        // UNION (not UNION ALL) keeps the walk finite even if references ever formed a cycle
        String referencesSql = "WITH RECURSIVE refs AS ("
                + "SELECT r.id, r.created, r.parent_block_schema_id, r.reference_block_schema_id, r.name "
                + "FROM block_schema_reference r WHERE r.workspace_id = $1 AND r.parent_block_schema_id = ANY($2::uuid[]) "
                + "UNION SELECT r.id, r.created, r.parent_block_schema_id, r.reference_block_schema_id, r.name "
                + "FROM block_schema_reference r JOIN refs ON r.parent_block_schema_id = refs.reference_block_schema_id "
                + "WHERE r.workspace_id = $1) "
                + "SELECT parent_block_schema_id, reference_block_schema_id, name FROM refs ORDER BY created, id";
        return client.preparedQuery(referencesSql).execute(Tuple.of(workspaceId, roots)).flatMap(rows -> {
            List<Reference> references = new ArrayList<>(rows.size());
            List<UUID> all = new ArrayList<>(ids);
            for (Row row : rows) {
                references.add(new Reference(row.getUUID(0), row.getUUID(1), row.getString(2)));
                all.add(row.getUUID(1));
            }
            String schemasSql = "SELECT " + SCHEMA_COLUMNS + " FROM block_schema s JOIN block_type t ON t.id = s.block_type_id "
                    + "WHERE s.workspace_id = $1 AND s.id = ANY($2::uuid[])";
            return client.preparedQuery(schemasSql).execute(Tuple.of(workspaceId, all.toArray(UUID[]::new)))
                    .map(schemaRows -> {
                        Map<UUID, StoredSchema> schemas = new HashMap<>();
                        schemaRows.forEach(row -> schemas.put(row.getUUID("id"), toStored(row)));
                        return new BlockSchemaAssembler(schemas, references);
                    });
        });
    }

    /** Whether the schema's block type is protected; null when the schema does not exist. */
    public Uni<Boolean> isProtected(UUID workspaceId, UUID id) {
        return pool.preparedQuery("SELECT t.is_protected FROM block_schema s JOIN block_type t ON t.id = s.block_type_id "
                + "WHERE s.workspace_id = $1 AND s.id = $2").execute(Tuple.of(workspaceId, id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getBoolean(0));
    }

    /** The block type of a schema; null when the schema does not exist. */
    public Uni<UUID> findBlockTypeId(SqlClient client, UUID workspaceId, UUID id) {
        return client.preparedQuery("SELECT block_type_id FROM block_schema WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
    }

    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return pool.preparedQuery("DELETE FROM block_schema WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, id)).replaceWithVoid();
    }

    /** Every distinct capability of the workspace's schemas. */
    public Uni<List<String>> capabilities(UUID workspaceId) {
        return pool.preparedQuery("SELECT DISTINCT c FROM block_schema s, unnest(s.capabilities) AS c "
                + "WHERE s.workspace_id = $1 ORDER BY c").execute(Tuple.of(workspaceId)).map(rows -> {
                    List<String> capabilities = new ArrayList<>(rows.size());
                    rows.forEach(row -> capabilities.add(row.getString(0)));
                    return capabilities;
                });
    }

    private StoredSchema toStored(Row row) {
        try {
            ObjectNode fields = (ObjectNode) mapper.readTree(row.getString("fields"));
            return new StoredSchema(row.getUUID("id"), row.getOffsetDateTime("created"), row.getOffsetDateTime("updated"),
                    row.getString("checksum"), fields, BlockTypeRepository.fromRow(row, "type_"),
                    Arrays.asList(row.getArrayOfStrings("capabilities")), row.getString("version"));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String jsonText(ObjectNode fields) {
        try {
            return mapper.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
