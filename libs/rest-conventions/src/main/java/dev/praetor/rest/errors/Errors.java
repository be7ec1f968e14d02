package dev.praetor.rest.errors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Collects validation errors for one request body, then throws them together as Prefect's 422. */
public final class Errors {
    /** Prefect's {@code Name}: no {@code / % & > <}, at least one character. */
    public static final Pattern NAME_PATTERN = Pattern.compile("^[^/%&><]+$");
    private static final String NAME_PATTERN_TEXT = "^[^/%&><]+$";

    private final List<Object> base;
    private final List<ValidationError> errors;

    private Errors(List<Object> base, List<ValidationError> errors) {
        this.base = base;
        this.errors = errors;
    }

    /** Errors located in a body whose fields sit directly under {@code body} (a non-embedded model). */
    public static Errors forBody() {
        return new Errors(List.of("body"), new ArrayList<>());
    }

    /** Errors located in element {@code index} of a body that is a JSON array (e.g. {@code POST /logs/}). */
    public static Errors forBodyItem(int index) {
        return new Errors(List.of("body", index), new ArrayList<>());
    }

    /** A view whose locations are under {@code path} (a nested object); it records into the same list. */
    public Errors nested(Object... path) {
        return new Errors(loc(path), errors);
    }

    public List<Object> loc(Object... path) {
        List<Object> loc = new ArrayList<>(base);
        loc.addAll(List.of(path));
        return loc;
    }

    public Errors add(ValidationError error) {
        errors.add(error);
        return this;
    }

    public Errors required(String field, Object value) {
        if (value == null) {
            errors.add(ValidationError.of("missing", loc(field), "Field required", null));
        }
        return this;
    }

    /** Prefect's {@code Name} rule plus a length bound that keeps the value indexable. */
    public Errors name(String field, String value, int maxLength) {
        if (value == null) {
            return this;
        }
        if (!NAME_PATTERN.matcher(value).matches()) {
            errors.add(new ValidationError("string_pattern_mismatch", loc(field),
                    "String should match pattern '" + NAME_PATTERN_TEXT + "'", value, Map.of("pattern", NAME_PATTERN_TEXT)));
        } else {
            maxLength(field, value, maxLength);
        }
        return this;
    }

    public Errors maxLength(String field, String value, int maxLength) {
        if (value != null && value.codePointCount(0, value.length()) > maxLength) {
            errors.add(new ValidationError("string_too_long", loc(field),
                    "String should have at most " + maxLength + " characters", abbreviate(value), Map.of("max_length", maxLength)));
        }
        return this;
    }

    public Errors range(String field, Integer value, int min, int max) {
        if (value == null) {
            return this;
        }
        if (value < min) {
            errors.add(new ValidationError("greater_than_equal", loc(field),
                    "Input should be greater than or equal to " + min, value, Map.of("ge", min)));
        } else if (value > max) {
            errors.add(new ValidationError("less_than_equal", loc(field),
                    "Input should be less than or equal to " + max, value, Map.of("le", max)));
        }
        return this;
    }

    public Errors check(boolean valid, String field, String message, Object input) {
        if (!valid) {
            errors.add(new ValidationError("value_error", loc(field), "Value error, " + message, input, Map.of("error", Map.of())));
        }
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors recorded so far (through this object or any view of it). */
    public List<ValidationError> list() {
        return List.copyOf(errors);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new RequestValidationException(errors, null);
        }
    }

    /** Error bodies echo inputs; a multi-megabyte value must not be echoed back whole. */
    static Object abbreviate(String value) {
        return value.length() <= 256 ? value : value.substring(0, 256) + "...";
    }
}
