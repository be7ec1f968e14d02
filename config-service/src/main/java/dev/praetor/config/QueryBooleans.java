package dev.praetor.config;

import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.errors.ValidationError;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Boolean query parameters read as Pydantic reads them ({@code true}, {@code 1}, {@code yes}, {@code on}…). */
public final class QueryBooleans {
    private static final Set<String> TRUE = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE = Set.of("0", "off", "f", "false", "n", "no");

    private QueryBooleans() {
    }

    /** An absent parameter is false; anything unreadable is Prefect's 422 located at {@code ["query", name]}. */
    public static boolean parse(String name, String value) {
        if (value == null) {
            return false;
        }
        String normalized = value.trim().toLowerCase(Locale.ROOT);
        if (TRUE.contains(normalized)) {
            return true;
        }
        if (FALSE.contains(normalized)) {
            return false;
        }
        throw new RequestValidationException(List.of(ValidationError.of("bool_parsing", List.of("query", name),
                "Input should be a valid boolean, unable to interpret input", value)), null);
    }
}
