package dev.praetor.rest.filters;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.filter.Conditions;
import dev.praetor.rest.filter.Criterion;

/** Text search over {@code message || ' ' || name}; {@code query} is required and at most 200 characters. */
public record LogFilterTextSearch(String query) implements Criterion {
    public static final int MAX_QUERY_LENGTH = 200;

    @Override
    public void addTo(Conditions c, String alias) {
        c.textSearch(alias + ".message || ' ' || " + alias + ".name", query);
    }

    /** The checks Jackson cannot express, reported at {@code errors}' location of this object. */
    public void validate(Errors errors) {
        errors.required("query", query).maxLength("query", query, MAX_QUERY_LENGTH);
    }
}
