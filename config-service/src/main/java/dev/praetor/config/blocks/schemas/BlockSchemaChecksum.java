package dev.praetor.config.blocks.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A block schema's checksum, computed as the Prefect client computes it ({@code Block._calculate_schema_checksum}),
 * because the client looks schemas up by the checksum it computed itself (other-resources.md §4.2):
 * drop every {@code secret_fields} key (descending into objects, not arrays); keep only the {@code definitions} that
 * some {@code $ref} reaches and that are not blocks (no {@code block_type_slug}), dropping the key when none remain;
 * hash {@code json.dumps(((fields,), {}), sort_keys=True)}, i.e. {@code [[<fields>], {}]}, with SHA-256.
 */
public final class BlockSchemaChecksum {
    static final String DEFINITION_PREFIX = "#/definitions/";

    private BlockSchemaChecksum() {
    }

    public static String of(ObjectNode fields) {
        ObjectNode forChecksum = withoutSecretFields(fields);
        JsonNode definitions = forChecksum.get("definitions");
        if (isTruthy(definitions) && definitions.isObject()) {
            ObjectNode kept = nonBlockDefinitions(forChecksum, (ObjectNode) definitions);
            if (kept.isEmpty()) {
                forChecksum.remove("definitions");
            } else {
                forChecksum.set("definitions", kept);
            }
        }
        String text = "[[" + PythonJson.dumpsSortedKeys(forChecksum) + "], {}]";
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /**
     * Prefect's {@code _get_non_block_reference_definitions}: the definitions referenced (directly or through other
     * kept definitions) from anywhere in {@code root}, definitions included, that are not nested blocks.
     */
    static ObjectNode nonBlockDefinitions(JsonNode root, ObjectNode definitions) {
        ObjectNode kept = JsonNodeFactory.instance.objectNode();
        collectNonBlockDefinitions(root, definitions, kept, new HashSet<>());
        return kept;
    }

    private static void collectNonBlockDefinitions(JsonNode node, ObjectNode definitions, ObjectNode kept,
            Set<String> visited) {
        for (JsonNode reference : references(node)) {
            if (!reference.isTextual()) {
                continue;
            }
            String key = reference.textValue().replace(DEFINITION_PREFIX, "");
            JsonNode definition = definitions.get(key);
            if (isTruthy(definition) && definition.isObject() && isNullOrMissing(definition.get("block_type_slug"))) {
                kept.set(key, definition);
                if (visited.add(key)) {
                    collectNonBlockDefinitions(definition, definitions, kept, visited);
                }
            }
        }
    }

    /** Every truthy {@code $ref} value in {@code node}, depth first (Prefect's {@code _collect_nested_reference_strings}). */
    static List<JsonNode> references(JsonNode node) {
        List<JsonNode> found = new ArrayList<>();
        collectReferences(node, found);
        return found;
    }

    private static void collectReferences(JsonNode node, List<JsonNode> found) {
        if (node.isObject()) {
            JsonNode reference = node.get("$ref");
            if (isTruthy(reference)) {
                found.add(reference);
            }
            node.forEach(value -> collectReferences(value, found));
        } else if (node.isArray()) {
            node.forEach(item -> collectReferences(item, found));
        }
    }

    private static ObjectNode withoutSecretFields(ObjectNode fields) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        fields.properties().forEach(entry -> {
            if (!entry.getKey().equals("secret_fields")) {
                JsonNode value = entry.getValue();
                copy.set(entry.getKey(), value.isObject() ? withoutSecretFields((ObjectNode) value) : value);
            }
        });
        return copy;
    }

    /** Python truthiness of a JSON value; an absent value is false. */
    static boolean isTruthy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        if (value.isContainerNode()) {
            return !value.isEmpty();
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().signum() != 0;
        }
        return value.isNumber() && value.doubleValue() != 0;
    }

    static boolean isNullOrMissing(JsonNode value) {
        return value == null || value.isNull();
    }
}
