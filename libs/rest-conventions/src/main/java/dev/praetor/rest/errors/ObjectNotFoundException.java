package dev.praetor.rest.errors;

/**
 * An "object not found" raised below the route handler (Prefect's {@code ObjectNotFoundError}): answered with
 * {@code 404 {"exception_message": "<message>"}}, the shape Prefect uses for e.g. {@code set_state} on a missing run,
 * unlike a route's own {@code {"detail": ...}} 404s (conventions.md §7).
 */
public class ObjectNotFoundException extends RuntimeException {
    public ObjectNotFoundException(String message) {
        super(message, null, false, false);
    }
}
