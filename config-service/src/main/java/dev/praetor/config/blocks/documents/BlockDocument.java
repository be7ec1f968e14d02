package dev.praetor.config.blocks.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.config.blocks.schemas.BlockSchema;
import dev.praetor.config.blocks.types.BlockType;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Prefect's {@code BlockDocument} (other-resources.md §4.3). {@code data} has referenced documents' data inlined under
 * their field names, and secret values obfuscated unless secrets were asked for.
 */
public record BlockDocument(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, ObjectNode data,
        UUID block_schema_id, BlockSchema block_schema, UUID block_type_id, String block_type_name,
        BlockType block_type, ObjectNode block_document_references, boolean is_anonymous) {
}
