package dev.praetor.config.blocks.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A schema's {@code secret_fields} applied to document data as Prefect applies them. Prefect flattens the data into
 * key paths whose values are "leaves": anything but a non-empty object (so an empty object, an array or a null is a
 * leaf). A secret field is a dotted path; a {@code *} segment matches every leaf below the segments before it.
 */
final class SecretFields {
    static final String OBFUSCATED = "********";
    private static final TextNode OBFUSCATED_NODE = TextNode.valueOf(OBFUSCATED);

    private SecretFields() {
    }

    /**
     * Replaces secret values by {@code "********"}: the leaf at each path unless it is null, or else, for a path with a
     * wildcard, every leaf (null or not) under the path's prefix.
     */
    static void obfuscate(ObjectNode data, List<String> secretFields) {
        for (String secretField : secretFields) {
            List<String> path = split(secretField);
            JsonNode leaf = leaf(data, path);
            if (leaf != null && !leaf.isNull()) {
                set(data, path, OBFUSCATED_NODE);
            } else if (path.contains("*")) {
                List<String> prefix = path.subList(0, path.indexOf("*"));
                for (List<String> leafPath : leafPaths(data)) {
                    if (startsWith(leafPath, prefix)) {
                        set(data, leafPath, OBFUSCATED_NODE);
                    }
                }
            }
        }
    }

    /**
     * An update that posts back obfuscated secrets keeps the stored ones: where the update holds {@code "********"}
     * at a secret path (or under a wildcard prefix), the current value is put back.
     */
    static void keepUnchangedSecrets(ObjectNode update, ObjectNode current, List<String> secretFields) {
        for (String secretField : secretFields) {
            List<String> path = split(secretField);
            JsonNode currentSecret = leaf(current, path);
            if (currentSecret != null && !currentSecret.isNull()) {
                if (OBFUSCATED_NODE.equals(leaf(update, path))) {
                    set(update, path, currentSecret);
                }
            } else if (path.contains("*")) {
                List<String> prefix = path.subList(0, path.indexOf("*"));
                for (List<String> leafPath : leafPaths(update)) {
                    JsonNode currentValue = leaf(current, leafPath);
                    if (startsWith(leafPath, prefix) && OBFUSCATED_NODE.equals(leaf(update, leafPath))
                            && currentValue != null) {
                        set(update, leafPath, currentValue);
                    }
                }
            }
        }
    }

    /** Python's {@code str.split(".")}: empty segments are kept. */
    private static List<String> split(String secretField) {
        return Arrays.asList(secretField.split("\\.", -1));
    }

    /** The leaf at {@code path}, or null when the path does not end at a leaf. */
    private static JsonNode leaf(JsonNode root, List<String> path) {
        JsonNode node = root;
        for (String key : path) {
            if (!node.isObject() || !node.has(key)) {
                return null;
            }
            node = node.get(key);
        }
        return isLeaf(node) ? node : null;
    }

    private static boolean isLeaf(JsonNode node) {
        return !node.isObject() || node.isEmpty();
    }

    private static List<List<String>> leafPaths(JsonNode root) {
        List<List<String>> paths = new ArrayList<>();
        collectLeafPaths(root, new ArrayList<>(), paths);
        return paths;
    }

    private static void collectLeafPaths(JsonNode node, List<String> path, List<List<String>> paths) {
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            List<String> childPath = new ArrayList<>(path);
            childPath.add(entry.getKey());
            if (isLeaf(entry.getValue())) {
                paths.add(childPath);
            } else {
                collectLeafPaths(entry.getValue(), childPath, paths);
            }
        }
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    /** Sets the value at a path that exists (every step but the last is an object). */
    private static void set(ObjectNode root, List<String> path, JsonNode value) {
        ObjectNode parent = root;
        for (String key : path.subList(0, path.size() - 1)) {
            parent = (ObjectNode) parent.get(key);
        }
        parent.set(path.get(path.size() - 1), value);
    }
}
