package dev.praetor.config.blocks.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.config.blocks.types.BlockType;
import dev.praetor.config.blocks.types.BlockTypeRepository;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.Paging;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rules of {@code /block_schemas} (other-resources.md §4.2). The server computes each schema's checksum as the
 * client does; a schema whose (checksum, version) exists is returned instead of stored again. Nested blocks named in
 * {@code block_schema_references} are registered as schemas of their own (from {@code definitions} when the client
 * has not registered them already) and linked to the parent.
 */
@ApplicationScoped
public class BlockSchemaService {
    static final String NOT_FOUND = "Block schema not found";
    /** Guards the registration of nested blocks against definitions that nest each other without end. */
    private static final int MAX_NESTING = 50;

    /** A create's answer: the schema, and whether this request stored it (201) or found it (200). */
    public record Created(BlockSchema schema, boolean inserted) {
    }

    @Inject
    BlockSchemaRepository schemas;

    @Inject
    BlockTypeRepository types;

    public Uni<Created> create(UUID workspaceId, BlockSchemaCreate create) {
        ObjectNode fields = create.fieldsOrEmpty();
        String version = create.versionOrDefault();
        return schemas.pool().withTransaction(tx -> types.findById(tx, workspaceId, create.block_type_id())
                .flatMap(type -> {
                    if (type == null) {
                        return Uni.createFrom().<CreatedId>failure(
                                PrefectHttpException.notFound("Block type " + create.block_type_id() + " not found."));
                    }
                    return schemas.findIdByChecksum(tx, workspaceId, BlockSchemaChecksum.of(fields), version)
                            .flatMap(existing -> existing != null
                                    ? Uni.createFrom().item(new CreatedId(existing, false))
                                    : register(tx, workspaceId, fields, type.id(), create.capabilitiesOrEmpty(), version,
                                            null, 0).map(id -> new CreatedId(id, true)));
                })
                .flatMap(created -> read(tx, workspaceId, created.id()).map(schema -> new Created(schema, created.inserted()))));
    }

    /** Stores a protected system block's schema unless its (checksum, version) is there already. */
    public Uni<UUID> registerSystemSchema(SqlClient tx, UUID workspaceId, ObjectNode fields, UUID blockTypeId,
            List<String> capabilities, String version) {
        return schemas.findIdByChecksum(tx, workspaceId, BlockSchemaChecksum.of(fields), version)
                .flatMap(existing -> existing != null
                        ? Uni.createFrom().item(existing)
                        : register(tx, workspaceId, fields, blockTypeId, capabilities, version, null, 0));
    }

    public Uni<BlockSchema> read(UUID workspaceId, UUID id) {
        return read(schemas.pool(), workspaceId, id).map(BlockSchemaService::orNotFound);
    }

    public Uni<BlockSchema> readByChecksum(UUID workspaceId, String checksum, String version) {
        return schemas.findIdByChecksum(schemas.pool(), workspaceId, checksum, version).flatMap(id -> id == null
                ? Uni.createFrom().failure(PrefectHttpException.notFound(NOT_FOUND))
                : read(workspaceId, id));
    }

    public Uni<List<BlockSchema>> filter(UUID workspaceId, BlockSchemaReadRequest request) {
        int limit = Paging.limit(request.limit());
        int offset = Paging.offset(request.offset());
        return schemas.filterIds(workspaceId, request, limit, offset)
                .flatMap(ids -> readAll(workspaceId, ids).map(byId -> new ArrayList<>(byId.values())));
    }

    /** The schemas with these ids as served (nested blocks rebuilt), keyed by id in the given order. */
    public Uni<Map<UUID, BlockSchema>> readAll(UUID workspaceId, Collection<UUID> ids) {
        return schemas.loadWithNested(schemas.pool(), workspaceId, ids).map(assembler -> {
            Map<UUID, BlockSchema> byId = new LinkedHashMap<>();
            for (UUID id : ids) {
                BlockSchema schema = assembler.assemble(id);
                if (schema != null) {
                    byId.put(id, schema);
                }
            }
            return byId;
        });
    }

    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return schemas.isProtected(workspaceId, id).flatMap(isProtected -> {
            if (isProtected == null) {
                return Uni.createFrom().failure(PrefectHttpException.notFound(NOT_FOUND));
            }
            if (isProtected) {
                return Uni.createFrom().failure(new PrefectHttpException(403,
                        "Block schemas for protected block types cannot be deleted."));
            }
            return schemas.delete(workspaceId, id);
        });
    }

    public Uni<List<String>> capabilities(UUID workspaceId) {
        return schemas.capabilities(workspaceId);
    }

    private record CreatedId(UUID id, boolean inserted) {
    }

    private Uni<BlockSchema> read(SqlClient client, UUID workspaceId, UUID id) {
        return schemas.loadWithNested(client, workspaceId, List.of(id)).map(assembler -> assembler.assemble(id));
    }

    /**
     * Prefect's {@code create_block_schema}: {@code definitions} are the root's (nested schemas are checksummed and
     * stored with them in view). Stored fields keep only non-block definitions and lose
     * {@code block_schema_references}, which become reference rows.
     */
    private Uni<UUID> register(SqlClient tx, UUID workspaceId, ObjectNode fields, UUID blockTypeId,
            List<String> capabilities, String version, ObjectNode rootDefinitions, int depth) {
        if (depth > MAX_NESTING) {
            return Uni.createFrom().failure(PrefectHttpException.unprocessable(
                    "Block schema definitions nest blocks more than " + MAX_NESTING + " levels deep."));
        }
        ObjectNode stored = fields.deepCopy();
        ObjectNode definitions = rootDefinitions;
        if (definitions == null && BlockSchemaChecksum.isTruthy(stored.get("definitions")) && stored.get("definitions").isObject()) {
            definitions = (ObjectNode) stored.get("definitions");
        }
        if (definitions != null && !definitions.isEmpty()) {
            stored.set("definitions", definitions);
        }
        String checksum = BlockSchemaChecksum.of(stored);
        ObjectNode allDefinitions = definitions;
        return schemas.findIdByChecksum(tx, workspaceId, checksum, version).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            if (allDefinitions != null && !allDefinitions.isEmpty()) {
                ObjectNode kept = BlockSchemaChecksum.nonBlockDefinitions(stored, allDefinitions);
                if (kept.isEmpty()) {
                    stored.remove("definitions");
                } else {
                    stored.set("definitions", kept);
                }
            }
            JsonNode references = stored.remove("block_schema_references");
            return schemas.insert(tx, workspaceId, Uuids.timeOrdered(), checksum, stored, capabilities, version, blockTypeId)
                    .call(id -> registerNested(tx, workspaceId, id, references, stored, allDefinitions, depth));
        });
    }

    /** Links each nested block named in {@code references} to {@code parentId}, registering its schema if needed. */
    private Uni<Void> registerNested(SqlClient tx, UUID workspaceId, UUID parentId, JsonNode references,
            ObjectNode parentFields, ObjectNode definitions, int depth) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        if (references == null || !references.isObject()) {
            return chain;
        }
        for (Map.Entry<String, JsonNode> field : references.properties()) {
            JsonNode value = field.getValue();
            for (JsonNode entry : value.isArray() ? value : List.of(value)) {
                chain = chain.flatMap(ignored -> registerReference(tx, workspaceId, parentId, field.getKey(), entry,
                        parentFields, definitions, depth));
            }
        }
        return chain;
    }

    private Uni<Void> registerReference(SqlClient tx, UUID workspaceId, UUID parentId, String name, JsonNode entry,
            ObjectNode parentFields, ObjectNode definitions, int depth) {
        String slug = entry.path("block_type_slug").asText(null);
        String checksum = entry.path("block_schema_checksum").asText(null);
        return types.findBySlug(tx, workspaceId, slug).flatMap(type -> {
            if (type == null) {
                return Uni.createFrom().<Void>failure(PrefectHttpException.conflict(
                        "Cannot create block schema because block type '" + slug
                                + "' was not found.Did you forget to register the block type?"));
            }
            Uni<UUID> child = checksum == null
                    ? Uni.createFrom().nullItem()
                    : schemas.findIdByChecksum(tx, workspaceId, checksum, null);
            return child.flatMap(existing -> existing != null
                    ? Uni.createFrom().item(existing)
                    : registerFromDefinitions(tx, workspaceId, name, type, parentFields, definitions, depth))
                    .flatMap(childId -> schemas.insertReference(tx, workspaceId, parentId, childId, name));
        });
    }

    /** Prefect's {@code _get_fields_for_child_schema}: the nested block's fields, found in the root's definitions. */
    private Uni<UUID> registerFromDefinitions(SqlClient tx, UUID workspaceId, String name, BlockType type,
            ObjectNode parentFields, ObjectNode definitions, int depth) {
        ObjectNode childFields = definitions == null ? null : childFields(definitions, parentFields, name, type.slug());
        if (childFields == null) {
            return Uni.createFrom().failure(PrefectHttpException.unprocessable("Unable to create nested block schema for "
                    + "block type '" + type.name() + "' due to missing definition."));
        }
        return register(tx, workspaceId, childFields, type.id(), List.of(), BlockSchemaCreate.DEFAULT_VERSION,
                definitions, depth + 1);
    }

    private static ObjectNode childFields(ObjectNode definitions, ObjectNode parentFields, String name, String slug) {
        JsonNode property = parentFields.path("properties").path(name);
        List<JsonNode> references = BlockSchemaChecksum.references(property);
        for (JsonNode reference : references) {
            JsonNode definition = reference.isTextual()
                    ? definitions.get(reference.textValue().replace(BlockSchemaChecksum.DEFINITION_PREFIX, ""))
                    : null;
            // a single reference is taken as is; among several, the one whose block type matches
            boolean matches = references.size() == 1 || (definition != null && slug.equals(definition.path("block_type_slug").asText(null)));
            if (matches) {
                return definition != null && definition.isObject() ? (ObjectNode) definition : null;
            }
        }
        return null;
    }

    private static BlockSchema orNotFound(BlockSchema schema) {
        if (schema == null) {
            throw PrefectHttpException.notFound(NOT_FOUND);
        }
        return schema;
    }
}
