package dev.praetor.config.blocks.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.config.blocks.types.BlockType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rebuilds block schemas as Prefect serves them from the stored rows and their nested-block references
 * ({@code _construct_full_block_schema}): {@code block_schema_references} lists each nested block's checksum and
 * type slug (a list when a field accepts several blocks), and each nested block's full fields join
 * {@code definitions} under its title, its own definitions flattened beside it.
 */
final class BlockSchemaAssembler {
    /** Far beyond any real nesting; only guards against a reference cycle. */
    private static final int MAX_DEPTH = 50;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A block schema row as stored: its fields have neither references nor nested-block definitions. */
    record StoredSchema(UUID id, OffsetDateTime created, OffsetDateTime updated, String checksum, ObjectNode fields,
            BlockType blockType, List<String> capabilities, String version) {
    }

    /** A nested block: field {@code name} of schema {@code parentId} holds a block of schema {@code childId}. */
    record Reference(UUID parentId, UUID childId, String name) {
    }

    private final Map<UUID, StoredSchema> schemas;
    private final List<Reference> references;

    /** {@code schemas} must hold every schema reachable from the ones to assemble. */
    BlockSchemaAssembler(Map<UUID, StoredSchema> schemas, List<Reference> references) {
        this.schemas = schemas;
        this.references = references;
    }

    /** The schema as served, or null when it is not among the loaded rows. */
    BlockSchema assemble(UUID id) {
        StoredSchema stored = schemas.get(id);
        if (stored == null) {
            return null;
        }
        return new BlockSchema(stored.id(), stored.created(), stored.updated(), stored.checksum(), fullFields(stored, 0),
                stored.blockType().id(), stored.blockType(), stored.capabilities(), stored.version());
    }

    private ObjectNode fullFields(StoredSchema schema, int depth) {
        ObjectNode fields = schema.fields().deepCopy();
        ObjectNode blockReferences = JSON.objectNode();
        List<StoredSchema> children = new ArrayList<>();
        for (Reference reference : references) {
            StoredSchema child = schemas.get(reference.childId());
            if (!reference.parentId().equals(schema.id()) || child == null) {
                continue;
            }
            children.add(child);
            addReference(blockReferences, reference.name(), child);
        }
        fields.set("block_schema_references", blockReferences);

        ObjectNode definitions = JSON.objectNode();
        if (depth < MAX_DEPTH) {
            for (JsonNode value : blockReferences) {
                for (JsonNode entry : value.isArray() ? value : List.of(value)) {
                    StoredSchema child = childWithChecksum(children, entry.get("block_schema_checksum").textValue());
                    addDefinitions(definitions, fullFields(child, depth + 1));
                }
            }
        }
        JsonNode ownDefinitions = fields.get("definitions");
        if (!definitions.isEmpty() || BlockSchemaChecksum.isTruthy(ownDefinitions)) {
            ObjectNode merged = JSON.objectNode();
            if (ownDefinitions != null && ownDefinitions.isObject()) {
                merged.setAll((ObjectNode) ownDefinitions);
            }
            merged.setAll(definitions);
            fields.set("definitions", merged);
        }
        return fields;
    }

    /** One field may hold blocks of several types: repeated names collect distinct entries into a list. */
    private static void addReference(ObjectNode blockReferences, String name, StoredSchema child) {
        ObjectNode entry = JSON.objectNode()
                .put("block_schema_checksum", child.checksum())
                .put("block_type_slug", child.blockType().slug());
        JsonNode existing = blockReferences.get(name);
        if (existing == null) {
            blockReferences.set(name, entry);
        } else if (existing.isArray()) {
            if (!contains((ArrayNode) existing, entry)) {
                ((ArrayNode) existing).add(entry);
            }
        } else if (!existing.equals(entry)) {
            blockReferences.set(name, JSON.arrayNode().add(existing).add(entry));
        }
    }

    /** A nested block's fields go under its title; its own definitions are flattened beside it. */
    private static void addDefinitions(ObjectNode definitions, ObjectNode childFields) {
        JsonNode title = childFields.get("title");
        if (title == null || title.isNull()) {
            return;
        }
        JsonNode childDefinitions = childFields.remove("definitions");
        definitions.set(title.isTextual() ? title.textValue() : title.toString(), childFields);
        if (childDefinitions != null && childDefinitions.isObject()) {
            definitions.setAll((ObjectNode) childDefinitions);
        }
    }

    private static StoredSchema childWithChecksum(List<StoredSchema> children, String checksum) {
        for (StoredSchema child : children) {
            if (child.checksum().equals(checksum)) {
                return child;
            }
        }
        throw new IllegalStateException("A reference entry names a checksum none of the children has: " + checksum);
    }

    private static boolean contains(ArrayNode entries, JsonNode entry) {
        for (JsonNode existing : entries) {
            if (existing.equals(entry)) {
                return true;
            }
        }
        return false;
    }
}
