package dev.praetor.rest.errors;

import io.vertx.pgclient.PgException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where exceptions become Prefect's error bodies (conventions.md §7). */
public class PrefectErrorMappers {
    private static final Logger LOG = Logger.getLogger(PrefectErrorMappers.class);
    public static final String INTEGRITY_CONFLICT = "Data integrity conflict. This usually means a unique or foreign key "
            + "constraint was violated. See server logs for details.";

    @ServerExceptionMapper
    public Response prefectHttp(PrefectHttpException e) {
        return detail(e.status(), e.detail());
    }

    @ServerExceptionMapper
    public Response validation(RequestValidationException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exception_message", "Invalid request received.");
        body.put("exception_detail", e.errors());
        body.put("request_body", e.requestBody());
        return json(422, body);
    }

    @ServerExceptionMapper
    public Response objectNotFound(ObjectNotFoundException e) {
        return json(404, Map.of("exception_message", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response serviceUnavailable(ServiceUnavailableException e) {
        LOG.warnf("Service unavailable: %s", e.getMessage());
        return json(503, Map.of("exception_message", "Service Unavailable"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return detail(404, "Not Found");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return detail(405, "Method Not Allowed");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413) {
            return detail(413, "Request body too large.");
        }
        if (status == 415) {
            return detail(415, "Unsupported Media Type");
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
            return json(500, Map.of("exception_message", "Internal Server Error"));
        }
        return detail(status, e.getResponse().getStatusInfo().getReasonPhrase());
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        String state = e.getSqlState();
        if ("23505".equals(state) || "23503".equals(state)) {
            LOG.debugf("Integrity conflict: %s", e.getMessage());
            return detail(409, INTEGRITY_CONFLICT);
        }
        if (state != null && (state.startsWith("40") || state.startsWith("08") || "57014".equals(state))) {
            LOG.warnf("Retryable database error %s: %s", state, e.getErrorMessage());
            return json(503, Map.of("exception_message", "Service Unavailable"));
        }
        LOG.error("Database error", e);
        return json(500, Map.of("exception_message", "Internal Server Error"));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (isConnectionFailure(e)) {
            LOG.warnf("Database unavailable: %s", e.toString());
            return json(503, Map.of("exception_message", "Service Unavailable"));
        }
        LOG.error("Unhandled error", e);
        return json(500, Map.of("exception_message", "Internal Server Error"));
    }

    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof io.vertx.core.impl.NoStackTraceThrowable
                    || t instanceof io.vertx.core.VertxException && String.valueOf(t.getMessage()).contains("closed")) {
                return true;
            }
        }
        return false;
    }

    public static Response detail(int status, Object detail) {
        return json(status, Map.of("detail", detail));
    }

    private static Response json(int status, Object body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
