package dev.praetor.rest.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.praetor.rest.errors.ValidationError;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Translates Jackson's binding failures into Pydantic-shaped validation errors. */
final class JsonErrors {
    private JsonErrors() {
    }

    static ValidationError fromMapping(JsonMappingException e, JsonNode body) {
        return fromMapping(e, body, List.of());
    }

    /**
     * As {@link #fromMapping(JsonMappingException, JsonNode)} for a value bound from a part of {@code body}: its
     * location is {@code body}, then {@code base} (e.g. the array index), then the failure's path in the part.
     */
    static ValidationError fromMapping(JsonMappingException e, JsonNode body, List<Object> base) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        loc.addAll(base);
        for (JsonMappingException.Reference ref : e.getPath()) {
            loc.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
        }
        Object input = inputAt(body, loc);
        if (e instanceof UnrecognizedPropertyException) {
            return ValidationError.of("extra_forbidden", loc, "Extra inputs are not permitted", input);
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target != null && target.isEnum()) {
            StringBuilder allowed = new StringBuilder();
            Object[] constants = target.getEnumConstants();
            for (int i = 0; i < constants.length; i++) {
                allowed.append(i == 0 ? "" : i == constants.length - 1 ? " or " : ", ").append('\'').append(constants[i]).append('\'');
            }
            return new ValidationError("enum", loc, "Input should be " + allowed, input, Map.of("expected", allowed.toString()));
        }
        if (target == UUID.class) {
            return ValidationError.of("uuid_parsing", loc, "Input should be a valid UUID", input);
        }
        if (target == OffsetDateTime.class) {
            return ValidationError.of("datetime_from_date_parsing", loc, "Input should be a valid datetime", input);
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return ValidationError.of("int_parsing", loc, "Input should be a valid integer", input);
        }
        if (target == Double.class || target == double.class || target == Float.class) {
            return ValidationError.of("float_parsing", loc, "Input should be a valid number", input);
        }
        if (target == Boolean.class || target == boolean.class) {
            return ValidationError.of("bool_parsing", loc, "Input should be a valid boolean", input);
        }
        if (target == String.class) {
            return ValidationError.of("string_type", loc, "Input should be a valid string", input);
        }
        if (target != null && (Collection.class.isAssignableFrom(target) || target.isArray())) {
            return ValidationError.of("list_type", loc, "Input should be a valid list", input);
        }
        if (target != null && Map.class.isAssignableFrom(target) || target != null && target.isRecord()) {
            return ValidationError.of("dict_type", loc, "Input should be a valid dictionary", input);
        }
        String reason = e instanceof InvalidFormatException ? "Input is not valid" : e.getOriginalMessage();
        return ValidationError.of("value_error", loc, "Value error, " + reason, input);
    }

    static ValidationError fromParse(JsonProcessingException e) {
        long offset = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getCharOffset());
        return new ValidationError("json_invalid", List.of("body", offset), "JSON decode error", Map.of(),
                Map.of("error", e.getOriginalMessage() == null ? "Expecting value" : e.getOriginalMessage()));
    }

    private static Object inputAt(JsonNode body, List<Object> loc) {
        JsonNode node = body;
        for (int i = 1; i < loc.size() && node != null; i++) {
            Object step = loc.get(i);
            node = step instanceof Integer index ? node.get(index) : node.get(String.valueOf(step));
        }
        if (node != null && node.isTextual() && node.textValue().length() > 256) {
            return node.textValue().substring(0, 256) + "...";
        }
        return node;
    }
}
