package dev.praetor.runs.states;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.filters.StateType;
import io.vertx.mutiny.sqlclient.Row;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Reading and writing state rows ({@code flow_run_state}, {@code task_run_state}): JSON columns travel as text (cast
 * in SQL) so that any JSON value, scalars included, round-trips exactly.
 */
public final class StateRows {
    /** The state columns of a query, prefixed {@code s_}, for a state joined as {@code s}. */
    public static final String COLUMNS = columns("s");

    /** The columns of a state table aliased {@code alias}, each prefixed {@code <alias>_}. */
    public static String columns(String alias) {
        String p = alias + ".";
        String q = " AS " + alias + "_";
        return p + "id" + q + "id, " + p + "type" + q + "type, " + p + "name" + q + "name, " + p + "timestamp" + q
                + "timestamp, " + p + "message" + q + "message, " + p + "data::text" + q + "data, " + p
                + "state_details::text" + q + "state_details";
    }

    private StateRows() {
    }

    /** The state in the {@code s_} columns of {@code row}; null when the row has none (a run without a state). */
    public static State read(Row row, ObjectMapper mapper) {
        return read(row, "s", mapper);
    }

    /** The state in the columns of {@link #columns(String) columns(alias)}; null when they are null. */
    public static State read(Row row, String alias, ObjectMapper mapper) {
        String p = alias + "_";
        UUID id = row.getUUID(p + "id");
        if (id == null) {
            return null;
        }
        return new State(id, StateType.valueOf(row.getString(p + "type")), row.getString(p + "name"),
                row.getOffsetDateTime(p + "timestamp"), row.getString(p + "message"), parse(mapper, row.getString(p + "data")),
                details(mapper, row.getString(p + "state_details")));
    }

    public static JsonNode parse(ObjectMapper mapper, String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String json(ObjectMapper mapper, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StateDetails details(ObjectMapper mapper, String json) {
        if (json == null) {
            return StateDetails.DEFAULTS;
        }
        try {
            return mapper.readValue(json, StateDetails.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
