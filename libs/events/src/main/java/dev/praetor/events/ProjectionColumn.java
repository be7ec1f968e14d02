package dev.praetor.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;


/**
 * One column of a projection table and the top-level field of the snapshot's {@code data} it is read from. Values are
 * converted to what the reactive PostgreSQL client binds for the column's SQL type; a missing or JSON-null field is
 * SQL NULL (an empty array for {@link Type#TEXT_ARRAY}, as the owners' tag columns are never null).
 */
public record ProjectionColumn(String name, Type type, String field) {

    /** The SQL type of a projection column. */
    public enum Type {
        UUID, TEXT, TEXT_ARRAY, TIMESTAMPTZ, BOOLEAN, BIGINT, DOUBLE, JSONB
    }

    public ProjectionColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(field, "field");
    }

    /** A column named after its snapshot field (projections keep the owners' names, which the filters use). */
    public static ProjectionColumn of(String name, Type type) {
        return new ProjectionColumn(name, type, name);
    }

    /**
     * The column's value in {@code data}.
     *
     * @throws IllegalArgumentException when the field holds something the column cannot store
     */
    public Object read(JsonNode data) {
        JsonNode node = data.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return type == Type.TEXT_ARRAY ? new String[0] : null;
        }
        return switch (type) {
            case UUID -> java.util.UUID.fromString(text(node));
            case TEXT -> text(node);
            case TEXT_ARRAY -> textArray(node);
            case TIMESTAMPTZ -> timestamp(text(node));
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw new IllegalArgumentException(field + " is not a boolean");
                }
                yield node.booleanValue();
            }
            case BIGINT -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw new IllegalArgumentException(field + " is not an integer");
                }
                yield node.longValue();
            }
            case DOUBLE -> {
                if (!node.isNumber()) {
                    throw new IllegalArgumentException(field + " is not a number");
                }
                yield node.doubleValue();
            }
            case JSONB -> node.isObject() ? new JsonObject(node.toString())
                    : node.isArray() ? new JsonArray(node.toString()) : node.isTextual() ? node.textValue() : node.toString();
        };
    }

    private String text(JsonNode node) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return node.textValue();
    }

    private String[] textArray(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + " is not an array");
        }
        List<String> values = new ArrayList<>(node.size());
        node.forEach(element -> values.add(text(element)));
        return values.toArray(String[]::new);
    }

    /** ISO-8601 with an offset (what every owner writes); a value without one is UTC, as Prefect reads it. */
    private OffsetDateTime timestamp(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException(field + " is not a datetime", again);
            }
        }
    }
}
