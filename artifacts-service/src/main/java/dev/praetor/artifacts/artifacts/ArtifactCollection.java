package dev.praetor.artifacts.artifacts;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** Prefect's {@code ArtifactCollection} (artifacts.md §1.2): the newest artifact of a key, as a row of its own. */
public record ArtifactCollection(UUID id, OffsetDateTime created, OffsetDateTime updated, String key, UUID latest_id,
        String type, String description, @JsonRawValue String data, Map<String, String> metadata_, UUID flow_run_id,
        UUID task_run_id) {
}
