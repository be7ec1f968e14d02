package dev.praetor.deployments.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.mutiny.sqlclient.Row;
import java.io.UncheckedIOException;

/**
 * {@code jsonb} columns travel as text ({@code col::text} out, {@code $n::text::jsonb} in: with a bare
 * {@code $n::jsonb} the client would send the text as a JSON string) and are handled as Jackson trees, so numbers
 * keep their exact decimal form and no second JSON library is involved.
 */
public final class JsonColumns {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonColumns() {
    }

    /** The column's JSON, or null when the column is SQL NULL. */
    public static JsonNode read(Row row, String column) {
        String text = row.getString(column);
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JSON text for a {@code $n::text::jsonb} parameter; a Java null stays SQL NULL (a JSON null node becomes 'null'). */
    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
