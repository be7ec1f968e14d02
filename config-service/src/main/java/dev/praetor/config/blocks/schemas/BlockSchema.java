package dev.praetor.config.blocks.schemas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.config.blocks.types.BlockType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Prefect's {@code BlockSchema} (other-resources.md §4.2). {@code fields} is the JSON schema as Prefect serves it:
 * with {@code block_schema_references} and the definitions of nested blocks rebuilt from the stored references.
 */
public record BlockSchema(UUID id, OffsetDateTime created, OffsetDateTime updated, String checksum, ObjectNode fields,
        UUID block_type_id, BlockType block_type, List<String> capabilities, String version) {
}
