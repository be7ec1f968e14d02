package dev.praetor.config.blocks.documents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.config.JsonChecks;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.util.UUID;

/**
 * Body of {@code PATCH /block_documents/{id}}. With {@code merge_existing_data} (the default) the given top-level keys
 * replace those keys only and an absent {@code data} changes nothing; without it {@code data} (default {@code {}})
 * replaces everything. {@code data} is a raw node to tell an absent key from an explicit (refused) null.
 */
public record BlockDocumentUpdate(UUID block_schema_id, JsonNode data, Boolean merge_existing_data)
        implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        JsonChecks.objectIfPresent(errors, "data", data);
    }

    boolean mergeExistingData() {
        return merge_existing_data == null || merge_existing_data;
    }
}
