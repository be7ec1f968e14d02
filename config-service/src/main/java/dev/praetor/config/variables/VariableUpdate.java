package dev.praetor.config.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.config.JsonChecks;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/**
 * Body of {@code PATCH /variables/{id}} and {@code /variables/name/{name}}: only keys present are written, so
 * {@code "value": null} sets the value to null. Fields are raw nodes to tell an explicit null from an absent key.
 */
public record VariableUpdate(JsonNode name, JsonNode value, JsonNode tags) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        JsonChecks.optionalString(errors, "name", name);
        if (name != null && name.isTextual()) {
            VariableRules.name(errors, name.textValue());
        }
        VariableRules.value(errors, value);
        JsonChecks.optionalStringList(errors, "tags", tags);
    }
}
