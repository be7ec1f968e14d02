package dev.praetor.rest.paging;

/** A sort enum value: its SQL {@code ORDER BY} expression, written against the table alias the query uses. */
public interface SortOrder {
    String orderBy(String alias);
}
