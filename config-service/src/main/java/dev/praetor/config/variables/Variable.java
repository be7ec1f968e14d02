package dev.praetor.config.variables;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Prefect's {@code Variable} (other-resources.md §1.1); {@code value} is any JSON value. */
public record Variable(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, JsonNode value,
        List<String> tags) {
}
