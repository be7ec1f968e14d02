package dev.praetor.rest.filter;

import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Positional parameters ({@code $1, $2, ...}) of one statement: values never enter the SQL text. */
public final class SqlParams {
    private final List<Object> values = new ArrayList<>();

    /** Adds a value and returns its placeholder. */
    public String bind(Object value) {
        values.add(value);
        return "$" + values.size();
    }

    public int size() {
        return values.size();
    }

    public Tuple tuple() {
        return Tuple.from(values);
    }

    public List<Object> values() {
        return List.copyOf(values);
    }
}
