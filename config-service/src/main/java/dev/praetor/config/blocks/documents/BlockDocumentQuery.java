package dev.praetor.config.blocks.documents;

import dev.praetor.rest.filters.BlockDocumentFilter;
import dev.praetor.rest.filters.BlockSchemaFilter;
import dev.praetor.rest.filters.BlockTypeFilter;

/**
 * Which documents a read selects and in what order. Without a document filter, anonymous documents are left out
 * (Prefect's default); {@code limit} null means no limit.
 */
record BlockDocumentQuery(BlockDocumentFilter documents, BlockTypeFilter types, BlockSchemaFilter schemas,
        BlockDocumentSort sort, Integer limit, int offset) {

    BlockDocumentQuery {
        documents = documents == null ? BlockDocumentFilter.NOT_ANONYMOUS : documents;
        sort = sort == null ? BlockDocumentSort.NAME_ASC : sort;
    }

    static BlockDocumentQuery all(BlockDocumentFilter documents, BlockTypeFilter types) {
        return new BlockDocumentQuery(documents, types, null, null, null, 0);
    }
}
