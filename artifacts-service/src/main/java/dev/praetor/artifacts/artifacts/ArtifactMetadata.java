package dev.praetor.artifacts.artifacts;

import java.util.LinkedHashMap;
import java.util.Map;

/** Prefect's rule for artifact metadata: values longer than 500 characters are cut, not rejected. */
final class ArtifactMetadata {
    static final int MAX_VALUE_LENGTH = 500;

    private ArtifactMetadata() {
    }

    /** Each value over the limit becomes its first 500 characters (code points, as Python counts) plus "...". */
    static Map<String, String> truncated(Map<String, String> metadata) {
        if (metadata == null) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        metadata.forEach((key, value) -> result.put(key, truncated(value)));
        return result;
    }

    private static String truncated(String value) {
        if (value.codePointCount(0, value.length()) <= MAX_VALUE_LENGTH) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, MAX_VALUE_LENGTH)) + "...";
    }
}
