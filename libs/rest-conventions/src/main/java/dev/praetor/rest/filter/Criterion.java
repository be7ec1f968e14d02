package dev.praetor.rest.filter;

/**
 * A filter object (or one of its fields) that contributes conditions to a {@link Conditions} group, naming columns
 * through {@code alias} (the table or projection the query reads: projections keep the owners' column names).
 */
public interface Criterion {
    void addTo(Conditions conditions, String alias);
}
