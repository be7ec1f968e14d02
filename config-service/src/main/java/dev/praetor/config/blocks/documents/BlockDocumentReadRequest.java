package dev.praetor.config.blocks.documents;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.praetor.rest.filters.BlockDocumentFilter;
import dev.praetor.rest.filters.BlockSchemaFilter;
import dev.praetor.rest.filters.BlockTypeFilter;
import dev.praetor.rest.json.PrefectBody;

/** The embedded body of {@code POST /block_documents/filter}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlockDocumentReadRequest(BlockDocumentFilter block_documents, BlockTypeFilter block_types,
        BlockSchemaFilter block_schemas, Boolean include_secrets, BlockDocumentSort sort, Integer limit, Integer offset)
        implements PrefectBody {
}
