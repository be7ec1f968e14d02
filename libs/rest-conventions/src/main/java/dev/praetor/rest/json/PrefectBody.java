package dev.praetor.rest.json;

import dev.praetor.rest.errors.Errors;

/**
 * A JSON request body read by {@link PrefectBodyReader}: Prefect's lenient parsing, its 422 body on failure, an
 * empty body read as {@code {}}. Implementations add the checks Jackson cannot express in {@link #validate}.
 */
public interface PrefectBody {
    default void validate(Errors errors) {
    }
}
