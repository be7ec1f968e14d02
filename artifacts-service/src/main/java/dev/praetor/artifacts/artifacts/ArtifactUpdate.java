package dev.praetor.artifacts.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;

/**
 * Body of {@code PATCH /artifacts/{id}} (artifacts.md §1.4): only keys present are written, and an explicit
 * {@code null} clears the field. The fields are read as raw nodes because only a node tells an explicit
 * {@code null} (a null node) from an absent key (Java null); their types are checked in {@link #validate}.
 */
public record ArtifactUpdate(JsonNode data, JsonNode description, JsonNode metadata_) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        ArtifactValidation.optionalString(errors, "description", description);
        ArtifactValidation.metadata(errors, metadata_);
    }
}
