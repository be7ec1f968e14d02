package dev.praetor.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A stand-in upstream service for testing the proxy mechanism. It answers every request with a JSON description of
 * what it received: {@code method}, {@code path}, {@code query}, {@code headers} (lowercase names, values joined
 * with ", "), {@code body_length}, {@code body_sha256} and, for bodies up to 64 KiB, {@code body}. A few paths
 * behave differently:
 * <ul>
 * <li>{@code /q/health/ready}: 200, like a ready Quarkus service;</li>
 * <li>{@code .../bytes?size=N}: a chunked body of N bytes of {@code x}, written in 64 KiB pieces;</li>
 * <li>{@code .../slow}: no answer for 10 s;</li>
 * <li>query {@code status=N}: answers with status N and header {@code X-Echo-Status: N}.</li>
 * </ul>
 * WebSocket handshakes are accepted on any path; the first frame sent is the {@code X-Praetor-Workspace-Id} the
 * upgrade carried, then every text frame is echoed back.
 */
final class EchoUpstream {

    private static final int ECHOED_BODY_LIMIT = 64 * 1024;

    private final Vertx vertx = Vertx.vertx();
    private HttpServer server;

    int start() {
        server = vertx.createHttpServer()
                .requestHandler(this::handle)
                .listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().join();
        return server.actualPort();
    }

    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private void handle(HttpServerRequest request) {
        String path = request.path();
        if (isWebSocketUpgrade(request)) {
            // Accepted from the request handler, not with HttpServer.webSocketHandler: Vert.x reads the JVM-wide
            // vertx.disableWebsockets once per class loader, and Quarkus sets it to true when it starts an application
            // without WebSocket support. An echo started for a later test application of the same run would then
            // skip its webSocketHandler and answer the upgrade with a plain 200. toWebSocket() does not depend on it.
            request.toWebSocket().onSuccess(socket -> {
                socket.writeTextMessage(String.valueOf(socket.headers().get("X-Praetor-Workspace-Id")));
                socket.textMessageHandler(socket::writeTextMessage);
            });
        } else if (path.equals("/q/health/ready")) {
            request.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
        } else if (path.endsWith("/bytes")) {
            streamBytes(request, Integer.parseInt(request.getParam("size")));
        } else if (path.endsWith("/slow")) {
            vertx.setTimer(10_000, fired -> request.response().end());
        } else {
            request.body().onSuccess(body -> echo(request, body));
        }
    }

    private static boolean isWebSocketUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    private static void echo(HttpServerRequest request, Buffer body) {
        JsonObject headers = new JsonObject();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase();
            String previous = headers.getString(name);
            headers.put(name, previous == null ? header.getValue() : previous + ", " + header.getValue());
        }
        JsonObject description = new JsonObject()
                .put("method", request.method().name())
                .put("path", request.path())
                .put("query", request.query())
                .put("headers", headers)
                .put("body_length", body.length())
                .put("body_sha256", sha256(body.getBytes()))
                .put("body", body.length() <= ECHOED_BODY_LIMIT ? body.toString() : null);
        String status = request.getParam("status");
        if (status != null) {
            request.response().setStatusCode(Integer.parseInt(status)).putHeader("X-Echo-Status", status);
        }
        request.response().putHeader("Content-Type", "application/json").end(description.toBuffer());
    }

    private static void streamBytes(HttpServerRequest request, int size) {
        Buffer piece = Buffer.buffer("x".repeat(64 * 1024));
        request.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
        int written = 0;
        while (written < size) {
            int length = Math.min(piece.length(), size - written);
            request.response().write(length == piece.length() ? piece : piece.getBuffer(0, length));
            written += length;
        }
        request.response().end();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
