package dev.praetor.rest.filter;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the conditions of one filter object combine ({@code "and_"} by default). */
public enum Operator {
    AND("and_", " AND "),
    OR("or_", " OR ");

    private final String json;
    private final String sql;

    Operator(String json, String sql) {
        this.json = json;
        this.sql = sql;
    }

    @JsonValue
    public String json() {
        return json;
    }

    String sql() {
        return sql;
    }

    @Override
    public String toString() {
        return json;
    }
}
