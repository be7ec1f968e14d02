package dev.praetor.rest.filter;

import dev.praetor.rest.errors.PrefectHttpException;

/**
 * Answers criteria about related objects that a service keeps elsewhere (projections of other services' data).
 * A relation the service cannot answer yet fails loudly rather than being ignored.
 */
public interface Relations {
    /**
     * SQL (a boolean expression) that is true when the row at {@code alias} has a related {@code relation} matching
     * {@code criterion}; {@code criterion} may be null for pure existence tests.
     */
    String exists(String relation, String alias, Criterion criterion, Conditions outer);

    Relations NONE = (relation, alias, criterion, outer) -> {
        throw PrefectHttpException.unprocessable("Filtering by " + relation + " is not supported yet.");
    };
}
