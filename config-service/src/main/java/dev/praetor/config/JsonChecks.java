package dev.praetor.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import java.util.ArrayList;
import java.util.List;

/**
 * Type checks for fields that action models read as raw JSON nodes. Update models ({@code *Update}) write only the
 * keys present and let an explicit {@code null} clear a field; only a node tells the two apart (absent = Java null,
 * explicit null = a null node), so those fields are nodes and their types are checked here, with Pydantic's errors.
 */
public final class JsonChecks {
    private JsonChecks() {
    }

    /** A string, or null/absent. */
    public static void optionalString(Errors errors, String field, JsonNode value) {
        if (value != null && !value.isNull() && !value.isTextual()) {
            errors.add(ValidationError.of("string_type", errors.loc(field), "Input should be a valid string", value));
        }
    }

    /** A list of strings, or null/absent. */
    public static void optionalStringList(Errors errors, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isArray()) {
            errors.add(ValidationError.of("list_type", errors.loc(field), "Input should be a valid list", value));
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                errors.add(ValidationError.of("string_type", errors.loc(field, i), "Input should be a valid string",
                        value.get(i)));
            }
        }
    }

    /** An object, or absent ({@code null} is refused: the field has a default but is not optional). */
    public static void objectIfPresent(Errors errors, String field, JsonNode value) {
        if (value != null && !value.isObject()) {
            errors.add(ValidationError.of("dict_type", errors.loc(field), "Input should be a valid dictionary", value));
        }
    }

    /** The text of a node already checked to be a string or null. */
    public static String text(JsonNode value) {
        return value == null || value.isNull() ? null : value.textValue();
    }

    /** The strings of a node already checked to be a list of strings. */
    public static List<String> strings(JsonNode value) {
        List<String> strings = new ArrayList<>(value.size());
        value.forEach(item -> strings.add(item.textValue()));
        return strings;
    }
}
