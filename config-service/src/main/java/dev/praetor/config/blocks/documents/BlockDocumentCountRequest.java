package dev.praetor.config.blocks.documents;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.BlockDocumentFilter;
import dev.praetor.rest.filters.BlockSchemaFilter;
import dev.praetor.rest.filters.BlockTypeFilter;
import dev.praetor.rest.json.PrefectBody;

/** The embedded body of {@code POST /block_documents/count}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlockDocumentCountRequest(BlockDocumentFilter block_documents, BlockTypeFilter block_types,
        BlockSchemaFilter block_schemas) implements PrefectBody {
}
