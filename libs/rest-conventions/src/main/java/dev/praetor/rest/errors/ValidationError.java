package dev.praetor.rest.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** One element of Prefect's 422 {@code exception_detail} list, shaped like a Pydantic error as FastAPI reports it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationError(String type, List<Object> loc, String msg, Object input, Map<String, Object> ctx) {

    public static ValidationError of(String type, List<Object> loc, String msg, Object input) {
        return new ValidationError(type, loc, msg, input, null);
    }
}
