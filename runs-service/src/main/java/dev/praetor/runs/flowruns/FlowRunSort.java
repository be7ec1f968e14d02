package dev.praetor.runs.flowruns;

import dev.praetor.rest.paging.SortOrder;

/** Prefect's {@code FlowRunSort} (filters-runs.md §7); PostgreSQL's NULL placement (last for ASC, first for DESC). */
public enum FlowRunSort implements SortOrder {
    ID_DESC("%s.id DESC"),
    START_TIME_ASC("COALESCE(%s.start_time, %<s.expected_start_time) ASC"),
    START_TIME_DESC("COALESCE(%s.start_time, %<s.expected_start_time) DESC"),
    EXPECTED_START_TIME_ASC("%s.expected_start_time ASC"),
    EXPECTED_START_TIME_DESC("%s.expected_start_time DESC"),
    NAME_ASC("%s.name ASC"),
    NAME_DESC("%s.name DESC"),
    NEXT_SCHEDULED_START_TIME_ASC("%s.next_scheduled_start_time ASC"),
    END_TIME_DESC("%s.end_time DESC");

    private final String template;

    FlowRunSort(String template) {
        this.template = template;
    }

    @Override
    public String orderBy(String alias) {
        return String.format(template, alias);
    }
}
