package dev.praetor.eventsservice.logs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Prefect's {@code Log} (logs.md §1.1), as runs-service stores it and {@code /logs/out} sends it; read from the log
 * batches of the {@code logs} topic ({@link PublishedLogs}). Keys added later by the publisher are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Log(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, int level, String message,
        OffsetDateTime timestamp, UUID flow_run_id, UUID task_run_id) {
}
