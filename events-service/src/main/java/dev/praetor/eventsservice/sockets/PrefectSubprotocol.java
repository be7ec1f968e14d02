package dev.praetor.eventsservice.sockets;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Lets the HTTP server select the {@code prefect} websocket subprotocol when a client offers it (Prefect's clients
 * refuse a connection whose handshake does not select it). A client that does not offer it gets no subprotocol.
 */
@ApplicationScoped
public class PrefectSubprotocol implements HttpServerOptionsCustomizer {
    public static final String NAME = "prefect";

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        if (options.getWebSocketSubProtocols() == null || !options.getWebSocketSubProtocols().contains(NAME)) {
            options.addWebSocketSubProtocol(NAME);
        }
    }
}
