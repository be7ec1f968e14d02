package dev.praetor.runs.concurrency;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A v2 limit as read and filtered: {@code active_slots} after decay. */
public record GlobalConcurrencyLimitResponse(UUID id, OffsetDateTime created, OffsetDateTime updated, boolean active,
        String name, int limit, int active_slots, double slot_decay_per_second) {
}
