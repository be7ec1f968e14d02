package dev.praetor.eventsservice.sockets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private JsonNode parse(String message) {
        try {
            JsonNode node = mapper.readTree(message);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
