package dev.praetor.runs.concurrency;

import java.util.List;
import java.util.UUID;

/** Answer of {@code increment-with-lease}: both keys always present, {@code lease_id} even when no limit matched. */
public record ConcurrencyLimitWithLeaseResponse(UUID lease_id, List<MinimalConcurrencyLimitResponse> limits) {
}
