package dev.praetor.deployments.deployments;

import dev.praetor.rest.paging.SortOrder;

/** Prefect's {@code DeploymentSort}; each value is served by an index led by workspace_id. */
public enum DeploymentSort implements SortOrder {
    CREATED_DESC("created DESC"),
    UPDATED_DESC("updated DESC"),
    NAME_ASC("name ASC"),
    NAME_DESC("name DESC");

    private final String column;

    DeploymentSort(String column) {
        this.column = column;
    }

    @Override
    public String orderBy(String alias) {
        return alias + "." + column;
    }
}
