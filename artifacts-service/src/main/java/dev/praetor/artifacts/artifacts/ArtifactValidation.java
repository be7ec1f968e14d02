package dev.praetor.artifacts.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import java.util.Map;
import java.util.regex.Pattern;

/** Field rules shared by the artifact action models. */
final class ArtifactValidation {
    private static final Pattern KEY = Pattern.compile("^[a-z0-9-]*$");

    private ArtifactValidation() {
    }

    static void key(Errors errors, String key) {
        if (key != null) {
            errors.check(KEY.matcher(key).matches(), "key",
                    "Artifact key must only contain lowercase letters, numbers, and dashes.", key);
        }
    }

    /** {@code dict[str, str]}: Jackson already refuses non-string values; a JSON null value is refused here. */
    static void metadata(Errors errors, Map<String, String> metadata) {
        if (metadata == null) {
            return;
        }
        metadata.forEach((key, value) -> {
            if (value == null) {
                errors.add(stringType(errors, key, null));
            }
        });
    }

    /** The same rule for a field read as a raw node (to tell an explicit null from an absent key). */
    static void metadata(Errors errors, JsonNode metadata) {
        if (metadata == null || metadata.isNull()) {
            return;
        }
        if (!metadata.isObject()) {
            errors.add(ValidationError.of("dict_type", errors.loc("metadata_"), "Input should be a valid dictionary",
                    metadata));
            return;
        }
        metadata.properties().forEach(entry -> {
            if (!entry.getValue().isTextual()) {
                errors.add(stringType(errors, entry.getKey(), entry.getValue()));
            }
        });
    }

    static void optionalString(Errors errors, String field, JsonNode value) {
        if (value != null && !value.isNull() && !value.isTextual()) {
            errors.add(ValidationError.of("string_type", errors.loc(field), "Input should be a valid string", value));
        }
    }

    private static ValidationError stringType(Errors errors, String key, Object input) {
        return ValidationError.of("string_type", errors.loc("metadata_", key), "Input should be a valid string", input);
    }
}
