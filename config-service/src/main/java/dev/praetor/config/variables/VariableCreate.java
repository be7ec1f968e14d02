package dev.praetor.config.variables;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import java.util.List;

/**
 * Body of {@code POST /variables/}; unknown keys are rejected. {@code value} must be present but may be
 * {@code null} (a null node); values keep their JSON type ({@code "5"} stays a string).
 */
public record VariableCreate(String name, JsonNode value, List<String> tags) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("name", name);
        VariableRules.name(errors, name);
        errors.required("value", value);
        VariableRules.value(errors, value);
        if (tags != null) {
            for (int i = 0; i < tags.size(); i++) {
                if (tags.get(i) == null) {
                    errors.add(ValidationError.of("string_type", errors.loc("tags", i), "Input should be a valid string", null));
                }
            }
        }
    }

    List<String> tagsOrEmpty() {
        return tags == null ? List.of() : tags;
    }
}
