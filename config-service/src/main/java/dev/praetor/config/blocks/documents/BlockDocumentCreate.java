package dev.praetor.config.blocks.documents;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** Body of {@code POST /block_documents/}; unknown keys are rejected. */
public record BlockDocumentCreate(String name, ObjectNode data, UUID block_schema_id, UUID block_type_id,
        Boolean is_anonymous) implements PrefectBody {
    /** Not a Prefect limit: it keeps names within PostgreSQL's btree entry size (the unique index). */
    static final int MAX_NAME_LENGTH = 500;
    private static final Pattern NAME = Pattern.compile("^[a-z0-9-]*$");

    /**
     * Prefect's model validator runs first and alone: a named document is required unless anonymous. Then the name
     * must be a {@code Name} and use lowercase letters, digits and dashes only.
     */
    @Override
    public void validate(Errors errors) {
        if (!anonymous() && (name == null || name.isEmpty())) {
            errors.add(new ValidationError("value_error", errors.loc(),
                    "Value error, Names must be provided for block documents.", input(), Map.of("error", Map.of())));
            return;
        }
        errors.required("block_schema_id", block_schema_id).required("block_type_id", block_type_id);
        if (name != null) {
            if (Errors.NAME_PATTERN.matcher(name).matches()) {
                errors.check(NAME.matcher(name).matches(), "name",
                        "Block document name must only contain lowercase letters, numbers, and dashes.", name);
                errors.maxLength("name", name, MAX_NAME_LENGTH);
            } else {
                errors.name("name", name, MAX_NAME_LENGTH);
            }
        }
    }

    /** The model as a validator of the whole model sees it (the keys that were given). */
    private Map<String, Object> input() {
        Map<String, Object> input = new LinkedHashMap<>();
        putIfGiven(input, "name", name);
        putIfGiven(input, "data", data);
        putIfGiven(input, "block_schema_id", block_schema_id);
        putIfGiven(input, "block_type_id", block_type_id);
        putIfGiven(input, "is_anonymous", is_anonymous);
        return input;
    }

    private static void putIfGiven(Map<String, Object> input, String key, Object value) {
        if (value != null) {
            input.put(key, value);
        }
    }

    boolean anonymous() {
        return Boolean.TRUE.equals(is_anonymous);
    }

    ObjectNode dataOrEmpty() {
        return data == null ? JsonNodeFactory.instance.objectNode() : data;
    }
}
