package dev.praetor.deployments.db;

import dev.praetor.rest.filter.SqlParams;
import java.util.ArrayList;
import java.util.List;

/**
 * Columns and their new values for a statement that writes only the fields a request carried: an UPDATE's SET list
 * or an INSERT's column and value lists. Values are bound parameters.
 */
public final class ColumnUpdates {
    private final SqlParams params;
    private final List<String> columns = new ArrayList<>();
    private final List<String> expressions = new ArrayList<>();

    public ColumnUpdates(SqlParams params) {
        this.params = params;
    }

    public ColumnUpdates set(String column, Object value) {
        return setSql(column, params.bind(value));
    }

    /** A {@code jsonb} column; {@code value} is serialised (Java null = SQL NULL). */
    public ColumnUpdates setJson(String column, Object value) {
        return setSql(column, params.bind(JsonColumns.write(value)) + "::text::jsonb");
    }

    /** A raw SQL expression (no user input), e.g. {@code now()}. */
    public ColumnUpdates setSql(String column, String expression) {
        columns.add(column);
        expressions.add(expression);
        return this;
    }

    public boolean isEmpty() {
        return columns.isEmpty();
    }

    /** {@code a = $1, b = $2}. */
    public String toSql() {
        List<String> assignments = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            assignments.add(columns.get(i) + " = " + expressions.get(i));
        }
        return String.join(", ", assignments);
    }

    public List<String> columns() {
        return List.copyOf(columns);
    }

    public List<String> expressions() {
        return List.copyOf(expressions);
    }
}
