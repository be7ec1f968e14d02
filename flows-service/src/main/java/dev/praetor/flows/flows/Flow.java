package dev.praetor.flows.flows;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Prefect's {@code Flow} response (flows.md §1.1). */
public record Flow(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, List<String> tags,
        Map<String, Object> labels) {
}
