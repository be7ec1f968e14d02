package dev.praetor.deployments.workers;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Prefect's {@code WorkerResponse} (work-pools.md §1.3). */
public record WorkerResponse(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, UUID work_pool_id,
        OffsetDateTime last_heartbeat_time, Integer heartbeat_interval_seconds, String status) {
}
