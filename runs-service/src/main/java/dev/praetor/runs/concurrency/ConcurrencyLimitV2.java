package dev.praetor.runs.concurrency;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A v2 limit as stored; also Prefect's {@code ConcurrencyLimitV2}, the body {@code POST /v2/concurrency_limits/}
 * answers with. {@code active_slots} here is the stored count (before decay).
 */
public record ConcurrencyLimitV2(UUID id, OffsetDateTime created, OffsetDateTime updated, boolean active, String name,
        int limit, int active_slots, int denied_slots, double slot_decay_per_second, double avg_slot_occupancy_seconds) {

    boolean isTagLimit() {
        return name.startsWith(ConcurrencyLimitService.TAG_PREFIX);
    }
}
