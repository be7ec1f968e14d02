package dev.praetor.runs.concurrency;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import java.util.List;
import java.util.Map;

/** Pydantic's numeric and list constraints as Prefect's concurrency bodies declare them, in its error shapes. */
final class Checks {
    private Checks() {
    }

    static void nonNegative(Errors errors, String field, Number value) {
        if (value != null && value.doubleValue() < 0) {
            errors.add(new ValidationError("greater_than_equal", errors.loc(field),
                    "Input should be greater than or equal to 0", value, Map.of("ge", 0)));
        }
    }

    static void positive(Errors errors, String field, Number value) {
        if (value != null && value.doubleValue() <= 0) {
            Object bound = value instanceof Integer ? (Object) 0 : (Object) 0.0;
            errors.add(new ValidationError("greater_than", errors.loc(field),
                    "Input should be greater than " + bound, value, Map.of("gt", bound)));
        }
    }

    /** {@code lease_duration}: 60 s to one day. */
    static void leaseDuration(Errors errors, Double value) {
        if (value == null) {
            return;
        }
        if (value < 60) {
            errors.add(new ValidationError("greater_than_equal", errors.loc("lease_duration"),
                    "Input should be greater than or equal to 60", value, Map.of("ge", 60)));
        } else if (value > 86400) {
            errors.add(new ValidationError("less_than_equal", errors.loc("lease_duration"),
                    "Input should be less than or equal to 86400", value, Map.of("le", 86400)));
        }
    }

    static void atLeastOne(Errors errors, String field, List<?> value) {
        if (value != null && value.isEmpty()) {
            errors.add(new ValidationError("too_short", errors.loc(field),
                    "List should have at least 1 item after validation, not 0", value,
                    Map.of("field_type", "List", "min_length", 1, "actual_length", 0)));
        }
    }

    static void noNullItems(Errors errors, String field, List<?> value) {
        if (value == null) {
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            if (value.get(i) == null) {
                errors.add(ValidationError.of("string_type", errors.loc(field, i), "Input should be a valid string", null));
            }
        }
    }

    static void mode(Errors errors, String mode) {
        if (mode != null && !"concurrency".equals(mode) && !"rate_limit".equals(mode)) {
            errors.add(new ValidationError("literal_error", errors.loc("mode"),
                    "Input should be 'concurrency' or 'rate_limit'", mode,
                    Map.of("expected", "'concurrency' or 'rate_limit'")));
        }
    }
}
