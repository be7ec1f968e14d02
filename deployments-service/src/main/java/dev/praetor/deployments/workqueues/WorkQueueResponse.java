package dev.praetor.deployments.workqueues;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Prefect's {@code WorkQueueResponse} (work-pools.md §1.2). */
public record WorkQueueResponse(UUID id, OffsetDateTime created, OffsetDateTime updated, String name,
        String description, boolean is_paused, Integer concurrency_limit, int priority, UUID work_pool_id,
        QueueFilter filter, OffsetDateTime last_polled, String work_pool_name, String status, Integer active_slots) {

    public WorkQueueResponse withActiveSlots(Integer slots) {
        return new WorkQueueResponse(id, created, updated, name, description, is_paused, concurrency_limit, priority,
                work_pool_id, filter, last_polled, work_pool_name, status, slots);
    }
}
