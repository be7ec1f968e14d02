package dev.praetor.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** JSON answers written by the gateway itself, in Prefect's error shapes (conventions.md §7). */
final class JsonResponses {

    static final CharSequence APPLICATION_JSON = HttpHeaders.createOptimized("application/json");

    // Constant bodies are encoded once; a Vert.x heap buffer can be written any number of times.
    static final Buffer NOT_FOUND = json("{\"detail\":\"Not Found\"}");
    static final Buffer METHOD_NOT_ALLOWED = json("{\"detail\":\"Method Not Allowed\"}");
    static final Buffer BODY_TOO_LARGE = json("{\"detail\":\"Request body too large.\"}");
    static final Buffer INTERNAL_SERVER_ERROR = json("{\"exception_message\":\"Internal Server Error\"}");
    static final Buffer SERVICE_UNAVAILABLE = json("{\"exception_message\":\"Service Unavailable\"}");
    static final Buffer BAD_GATEWAY = json("{\"exception_message\":\"Bad Gateway\"}");
    static final Buffer GATEWAY_TIMEOUT = json("{\"exception_message\":\"Gateway Timeout\"}");
    /** Prefect's own answer when its basic auth middleware refuses a request (conventions.md §4). */
    static final Buffer UNAUTHORIZED = json("{\"exception_message\":\"Unauthorized\"}");
    static final Buffer NOT_AUTHENTICATED = json("{\"detail\":\"Not authenticated: send Authorization: Bearer <API key>.\"}");
    static final Buffer INVALID_API_KEY = json("{\"detail\":\"Invalid, revoked or expired API key.\"}");
    static final Buffer WORKSPACE_FORBIDDEN = json("{\"detail\":\"This API key may not access this workspace.\"}");
    static final Buffer RATE_LIMITED = json("{\"detail\":\"Too many requests for this workspace; retry later.\"}");

    private JsonResponses() {
    }

    static Buffer json(String text) {
        return Buffer.buffer(text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"detail": message}}, with the message JSON-escaped. */
    static Buffer detail(String message) {
        return new JsonObject().put("detail", message).toBuffer();
    }

    static Future<Void> send(HttpServerResponse response, int status, Buffer body) {
        return response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, APPLICATION_JSON).end(body);
    }
}
