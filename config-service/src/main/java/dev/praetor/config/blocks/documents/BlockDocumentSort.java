package dev.praetor.config.blocks.documents;

import dev.praetor.rest.paging.SortOrder;

/** Prefect's {@code BlockDocumentSort}; each value is served by an index led by workspace_id. */
public enum BlockDocumentSort implements SortOrder {
    NAME_DESC("%1$s.name DESC"),
    NAME_ASC("%1$s.name ASC"),
    BLOCK_TYPE_AND_NAME_ASC("%1$s.block_type_name ASC, %1$s.name ASC");

    private final String template;

    BlockDocumentSort(String template) {
        this.template = template;
    }

    @Override
    public String orderBy(String alias) {
        return String.format(template, alias);
    }
}
