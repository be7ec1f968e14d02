package dev.praetor.deployments.workpools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** A pool's result storage settings; unknown keys are rejected (work-pools.md §1.1). */
public record WorkPoolStorageConfiguration(JsonNode bundle_upload_step, JsonNode bundle_execution_step,
        UUID default_result_storage_block_id) {
    static final WorkPoolStorageConfiguration EMPTY = new WorkPoolStorageConfiguration(null, null, null);
}
