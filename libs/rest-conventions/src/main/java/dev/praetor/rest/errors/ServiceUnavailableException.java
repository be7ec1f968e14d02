package dev.praetor.rest.errors;

/**
 * A dependency the request needs (another Praetor service, the database) cannot be reached right now: answered with
 * Prefect's retryable {@code 503 {"exception_message": "Service Unavailable"}}, which the client retries.
 */
public class ServiceUnavailableException extends RuntimeException {
    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
