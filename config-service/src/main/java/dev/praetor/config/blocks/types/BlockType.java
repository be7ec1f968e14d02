package dev.praetor.config.blocks.types;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Prefect's {@code BlockType} (other-resources.md §4.1). Protected types cannot be deleted. */
public record BlockType(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, String slug,
        String logo_url, String documentation_url, String description, String code_example, boolean is_protected) {
}
