package dev.praetor.runs.concurrency;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** {@link ConcurrencyLocked} as Prefect answers it: 423, {@code {"detail": ...}}, {@code Retry-After}. */
public class ConcurrencyErrorMapper {
    @ServerExceptionMapper
    public Response locked(ConcurrencyLocked e) {
        Response.ResponseBuilder response = Response.status(423).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("detail", e.detail()));
        if (e.retryAfter() != null) {
            response.header("Retry-After", e.retryAfter());
        }
        return response.build();
    }
}
