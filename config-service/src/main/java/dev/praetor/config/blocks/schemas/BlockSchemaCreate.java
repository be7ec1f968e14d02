package dev.praetor.config.blocks.schemas;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import java.util.List;
import java.util.UUID;

/** Body of {@code POST /block_schemas/}; unknown keys (a {@code checksum} among them) are rejected. */
public record BlockSchemaCreate(ObjectNode fields, UUID block_type_id, List<String> capabilities, String version)
        implements PrefectBody {
    public static final String DEFAULT_VERSION = "non-versioned";
    /** Not a Prefect limit: it keeps versions within PostgreSQL's btree entry size (the unique index). */
    static final int MAX_VERSION_LENGTH = 500;

    @Override
    public void validate(Errors errors) {
        errors.required("block_type_id", block_type_id);
        errors.maxLength("version", version, MAX_VERSION_LENGTH);
        if (capabilities != null) {
            for (int i = 0; i < capabilities.size(); i++) {
                if (capabilities.get(i) == null) {
                    errors.add(ValidationError.of("string_type", errors.loc("capabilities", i),
                            "Input should be a valid string", null));
                }
            }
        }
    }

    ObjectNode fieldsOrEmpty() {
        return fields == null ? JsonNodeFactory.instance.objectNode() : fields;
    }

    List<String> capabilitiesOrEmpty() {
        return capabilities == null ? List.of() : capabilities;
    }

    String versionOrDefault() {
        return version == null ? DEFAULT_VERSION : version;
    }
}
