package dev.praetor.eventsservice.sockets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.errors.RequestValidationException;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import dev.praetor.rest.json.PrefectBodyReader;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Prefect's websocket setup (other-resources.md §6.3), shared by every websocket route: a client offering the
 * {@code prefect} subprotocol is accepted with it and must first send {@code {"type": "auth", "token": ...}}, which
 * is answered {@code {"type": "auth_success"}} or closed with 1008; a client that does not offer it is accepted
 * without the exchange (legacy mode) unless an auth string is configured, in which case the upgrade is refused
 * with 403 (what Starlette answers to a close before accept).
 */
@ApplicationScoped
public class PrefectSockets {
    private static final Logger LOG = Logger.getLogger(PrefectSockets.class);
    private static final short POLICY_VIOLATION = 1008;
    private static final short PROTOCOL_ERROR = 1002;
    private static final int MAX_CLOSE_REASON_BYTES = 123;
    private static final String AUTH_SUCCESS = "{\"type\":\"auth_success\"}";

    @Inject
    ObjectMapper mapper;

    /** Prefect's PREFECT_SERVER_API_AUTH_STRING; unset means no check. */
    @ConfigProperty(name = "praetor.auth.basic-auth-string")
    Optional<String> authString;

    /** A GET with {@code Upgrade: websocket}; other requests are left to the HTTP routes. */
    public static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader(HttpHeaders.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    /** Websockets are scoped like every request: the gateway names the workspace. */
    public static void refuseWithoutWorkspace(RoutingContext context) {
        context.response().setStatusCode(400).putHeader("content-type", "application/json")
                .end("{\"detail\":\"Missing or invalid workspace: requests must come through the gateway.\"}");
    }

    /** Upgrades the request and hands the socket to {@code ready} once the client is authenticated. */
    public void accept(RoutingContext context, Consumer<ServerWebSocket> ready) {
        HttpServerRequest request = context.request();
        boolean offersPrefect = request.headers().getAll("Sec-WebSocket-Protocol").stream()
                .flatMap(header -> Arrays.stream(header.split(",")))
                .anyMatch(protocol -> protocol.trim().equals(PrefectSubprotocol.NAME));
        if (!offersPrefect && authString.isPresent()) {
            LOG.debug("Websocket refused: the 'prefect' subprotocol is required when auth is configured");
            context.response().setStatusCode(403).end();
            return;
        }
        request.toWebSocket().onComplete(upgraded -> {
            if (upgraded.failed()) {
                LOG.debugf("Websocket upgrade failed: %s", upgraded.cause().toString());
                return;
            }
            ServerWebSocket socket = upgraded.result();
            // A client that goes away mid-frame is routine; without a handler Vert.x would log it as an error.
            socket.exceptionHandler(failure -> LOG.debugf("Websocket failed: %s", failure.toString()));
            if (offersPrefect) {
                socket.textMessageHandler(first -> authenticate(socket, first, ready));
            } else {
                ready.accept(socket);
            }
        });
    }

    private void authenticate(ServerWebSocket socket, String message, Consumer<ServerWebSocket> ready) {
        socket.textMessageHandler(null);
        JsonNode auth = parse(message);
        if (auth == null || !"auth".equals(auth.path("type").asText(null))) {
            socket.close(POLICY_VIOLATION, "Expected 'auth' message");
            return;
        }
        if (authString.isPresent()) {
            JsonNode token = auth.path("token");
            if (!token.isTextual() || token.textValue().isEmpty()) {
                socket.close(POLICY_VIOLATION, "Auth required but no token provided");
                return;
            }
            if (!MessageDigest.isEqual(token.textValue().getBytes(StandardCharsets.UTF_8),
                    authString.get().getBytes(StandardCharsets.UTF_8))) {
                socket.close(POLICY_VIOLATION, "Invalid token");
                return;
            }
        }
        socket.writeTextMessage(AUTH_SUCCESS);
        ready.accept(socket);
    }

    /**
     * Reads the filter message that opens a subscription ({@code /events/out}, {@code /logs/out}) as {@code type};
     * another message closes the socket with 1002 {@code Expected 'filter' message}, an invalid filter with 1002
     * {@code Invalid filter: <error>} (Prefect's answers), and null is returned.
     */
    public <T extends PrefectBody> T filterMessage(ServerWebSocket socket, String message, Class<T> type) {
        JsonNode parsed = parse(message);
        if (parsed == null || !"filter".equals(parsed.path("type").asText(null))) {
            socket.close(PROTOCOL_ERROR, "Expected 'filter' message");
            return null;
        }
        try {
            return PrefectBodyReader.read(mapper, type, message.getBytes(StandardCharsets.UTF_8));
        } catch (RequestValidationException e) {
            ValidationError first = e.errors().isEmpty() ? null : e.errors().get(0);
            String where = first == null ? "" : first.loc().stream().skip(1).map(String::valueOf)
                    .reduce((a, b) -> a + "." + b).map(path -> path + ": ").orElse("");
            socket.close(PROTOCOL_ERROR, closeReason("Invalid filter: " + where + (first == null ? "" : first.msg())));
            return null;
        } catch (RuntimeException e) {
            socket.close(PROTOCOL_ERROR, "Invalid filter");
            return null;
        }
    }

    /** A close frame's reason holds at most 123 bytes of UTF-8. */
    static String closeReason(String reason) {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        int end = reason.length();
        while (reason.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES - 3) {
            end--;
        }
        return reason.substring(0, end) + "...";
    }

    private JsonNode parse(String message) {
        try {
            JsonNode node = mapper.readTree(message);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
