package dev.praetor.flows.flows;

import dev.praetor.rest.paging.SortOrder;

/** Prefect's {@code FlowSort}; each value is served by an index led by workspace_id. */
public enum FlowSort implements SortOrder {
    CREATED_DESC("created DESC"),
    UPDATED_DESC("updated DESC"),
    NAME_ASC("name ASC"),
    NAME_DESC("name DESC");

    private final String column;

    FlowSort(String column) {
        this.column = column;
    }

    @Override
    public String orderBy(String alias) {
        return alias + "." + column;
    }
}
