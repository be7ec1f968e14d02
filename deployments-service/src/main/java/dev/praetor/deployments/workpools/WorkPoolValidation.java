package dev.praetor.deployments.workpools;

import dev.praetor.rest.errors.Errors;

/** Name rules shared by pool and queue action models (conventions.md §10). */
public final class WorkPoolValidation {
    /** Not a Prefect limit: it keeps names within PostgreSQL's btree entry size (the unique indexes). */
    public static final int MAX_NAME_LENGTH = 500;

    private WorkPoolValidation() {
    }

    /** Prefect's {@code NonEmptyishName}: the {@code Name} pattern, and not blank once spaces and quotes are stripped. */
    public static void nonEmptyishName(Errors errors, String field, String value) {
        if (value == null) {
            return;
        }
        errors.name(field, value, MAX_NAME_LENGTH);
        errors.check(!value.replaceAll("[\\s'\"]", "").isEmpty(), field, "name cannot be an empty string", value);
    }
}
