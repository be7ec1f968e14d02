package dev.praetor.config.blocks.types;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.config.JsonChecks;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/**
 * Body of {@code PATCH /block_types/{id}}: the four descriptive fields; only keys present are written (an explicit
 * null clears). Raw nodes tell an explicit null from an absent key.
 */
public record BlockTypeUpdate(JsonNode logo_url, JsonNode documentation_url, JsonNode description,
        JsonNode code_example) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        JsonChecks.optionalString(errors, "logo_url", logo_url);
        JsonChecks.optionalString(errors, "documentation_url", documentation_url);
        JsonChecks.optionalString(errors, "description", description);
        JsonChecks.optionalString(errors, "code_example", code_example);
    }

    /**
     * Prefect writes only when something differs, comparing HTML-unescaped text; since the stored type has all four
     * fields, an update that omits any of them always counts as different (Prefect compares the field sets too).
     */
    boolean differsFrom(BlockType stored) {
        if (logo_url == null || documentation_url == null || description == null || code_example == null) {
            return true;
        }
        return !HtmlText.sameUnescaped(JsonChecks.text(logo_url), stored.logo_url())
                || !HtmlText.sameUnescaped(JsonChecks.text(documentation_url), stored.documentation_url())
                || !HtmlText.sameUnescaped(JsonChecks.text(description), stored.description())
                || !HtmlText.sameUnescaped(JsonChecks.text(code_example), stored.code_example());
    }
}
