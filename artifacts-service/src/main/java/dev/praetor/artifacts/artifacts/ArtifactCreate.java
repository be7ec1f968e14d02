package dev.praetor.artifacts.artifacts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.util.Map;
import java.util.UUID;

/**
 * Body of {@code POST /artifacts/} (artifacts.md §1.3); unknown keys are rejected. {@code data} is any JSON value;
 * the run ids are not checked for existence (the client may name a task run the server has not recorded yet).
 */
public record ArtifactCreate(String key, String type, String description, JsonNode data, Map<String, String> metadata_,
        UUID flow_run_id, UUID task_run_id) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        ArtifactValidation.key(errors, key);
        ArtifactValidation.metadata(errors, metadata_);
    }

    Map<String, String> truncatedMetadata() {
        return ArtifactMetadata.truncated(metadata_);
    }
}
