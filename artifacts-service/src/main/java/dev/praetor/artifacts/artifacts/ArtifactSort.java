package dev.praetor.artifacts.artifacts;

import dev.praetor.rest.paging.SortOrder;

/**
 * Prefect's {@code ArtifactSort} and {@code ArtifactCollectionSort} (the same five values, each applied to its own
 * table); each is served by an index led by workspace_id. Ids are time-ordered, so {@code ID_DESC} is newest first.
 */
public enum ArtifactSort implements SortOrder {
    CREATED_DESC("created DESC"),
    UPDATED_DESC("updated DESC"),
    ID_DESC("id DESC"),
    KEY_DESC("key DESC"),
    KEY_ASC("key ASC");

    private final String column;

    ArtifactSort(String column) {
        this.column = column;
    }

    @Override
    public String orderBy(String alias) {
        return alias + "." + column;
    }
}
