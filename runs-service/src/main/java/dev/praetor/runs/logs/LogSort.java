package dev.praetor.runs.logs;

import dev.praetor.rest.paging.SortOrder;

/** Prefect's {@code LogSort}; no tie-breaker, as in Prefect. Served by the (workspace_id, timestamp) index. */
public enum LogSort implements SortOrder {
    TIMESTAMP_ASC("timestamp ASC"),
    TIMESTAMP_DESC("timestamp DESC");

    private final String column;

    LogSort(String column) {
        this.column = column;
    }

    @Override
    public String orderBy(String alias) {
        return alias + "." + column;
    }
}
