package dev.praetor.runs.taskruns;

import dev.praetor.rest.paging.SortOrder;

/** Prefect's {@code TaskRunSort} (filters-runs.md §7): note there is no START_TIME sort for task runs. */
public enum TaskRunSort implements SortOrder {
    ID_DESC("id DESC"),
    EXPECTED_START_TIME_ASC("expected_start_time ASC"),
    EXPECTED_START_TIME_DESC("expected_start_time DESC"),
    NAME_ASC("name ASC"),
    NAME_DESC("name DESC"),
    NEXT_SCHEDULED_START_TIME_ASC("next_scheduled_start_time ASC"),
    END_TIME_DESC("end_time DESC");

    private final String column;

    TaskRunSort(String column) {
        this.column = column;
    }

    @Override
    public String orderBy(String alias) {
        return alias + "." + column;
    }
}
