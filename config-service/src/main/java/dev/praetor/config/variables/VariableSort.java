package dev.praetor.config.variables;

import dev.praetor.rest.paging.SortOrder;

/** Prefect's {@code VariableSort}; each value is served by an index led by workspace_id. */
public enum VariableSort implements SortOrder {
    CREATED_DESC("created DESC"),
    UPDATED_DESC("updated DESC"),
    NAME_DESC("name DESC"),
    NAME_ASC("name ASC");

    private final String column;

    VariableSort(String column) {
        this.column = column;
    }

    @Override
    public String orderBy(String alias) {
        return alias + "." + column;
    }
}
