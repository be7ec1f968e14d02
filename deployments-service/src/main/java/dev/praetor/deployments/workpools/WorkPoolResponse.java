package dev.praetor.deployments.workpools;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Prefect's {@code WorkPoolResponse} (work-pools.md §1.1). */
public record WorkPoolResponse(UUID id, OffsetDateTime created, OffsetDateTime updated, String name,
        String description, String type, JsonNode base_job_template, boolean is_paused, Integer concurrency_limit,
        String status, UUID default_queue_id, JsonNode storage_configuration, Integer active_slots) {

    WorkPoolResponse withActiveSlots(Integer slots) {
        return new WorkPoolResponse(id, created, updated, name, description, type, base_job_template, is_paused,
                concurrency_limit, status, default_queue_id, storage_configuration, slots);
    }
}
