package dev.praetor.runs.concurrency;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The v1 view of a {@code tag:<tag>} limit: {@code active_slots} are the task runs holding a lease on it. */
public record ConcurrencyLimit(UUID id, OffsetDateTime created, OffsetDateTime updated, String tag,
        int concurrency_limit, List<UUID> active_slots) {
}
