package dev.praetor.runs.logs;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Prefect's {@code Log} (logs.md §1.1). */
public record Log(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, int level, String message,
        OffsetDateTime timestamp, UUID flow_run_id, UUID task_run_id) {
}
