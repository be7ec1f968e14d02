package dev.praetor.rest.errors;

import java.util.List;

/**
 * Request validation failed: answered with Prefect's 422 body
 * {@code {"exception_message": "Invalid request received.", "exception_detail": [...], "request_body": ...}}.
 */
public class RequestValidationException extends RuntimeException {
    private final transient List<ValidationError> errors;
    private final transient Object requestBody;

    public RequestValidationException(List<ValidationError> errors, Object requestBody) {
        super("Invalid request received.", null, false, false);
        this.errors = List.copyOf(errors);
        this.requestBody = requestBody;
    }

    public List<ValidationError> errors() {
        return errors;
    }

    public Object requestBody() {
        return requestBody;
    }

    public RequestValidationException withRequestBody(Object body) {
        return new RequestValidationException(errors, body);
    }
}
