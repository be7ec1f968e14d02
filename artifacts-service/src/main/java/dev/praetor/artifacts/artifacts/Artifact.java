package dev.praetor.artifacts.artifacts;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Prefect's {@code Artifact} response (artifacts.md §1.1). {@code data} is the stored JSON text, written as it is
 * (artifacts can hold megabytes; there is no need to parse them only to print them again).
 */
public record Artifact(UUID id, OffsetDateTime created, OffsetDateTime updated, String key, String type,
        String description, @JsonRawValue String data, Map<String, String> metadata_, UUID flow_run_id,
        UUID task_run_id) {
}
