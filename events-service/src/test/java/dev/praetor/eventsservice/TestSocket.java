package dev.praetor.eventsservice;

import dev.praetor.rest.tenancy.Workspace;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real websocket client (Vert.x) with blocking helpers for tests. */
public final class TestSocket implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebSocketClient client;
    private final WebSocket socket;
    private final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile CompletableFuture<Void> pong = new CompletableFuture<>();

    private TestSocket(WebSocketClient client, WebSocket socket) {
        this.client = client;
        this.socket = socket;
        socket.textMessageHandler(messages::add);
        socket.pongHandler(data -> pong.complete(null));
        socket.closeHandler(ignored -> closed.complete(null));
    }

    /** Connects to {@code path} in {@code workspace}, offering the {@code prefect} subprotocol when asked to. */
    public static TestSocket connect(Vertx vertx, int port, String path, UUID workspace, boolean offerPrefect)
            throws Exception {
        return connect(vertx, new WebSocketClientOptions(), port, path, workspace, offerPrefect);
    }

    /** As {@link #connect(Vertx, int, String, UUID, boolean)}, with the client's options (e.g. a small receive buffer). */
    public static TestSocket connect(Vertx vertx, WebSocketClientOptions clientOptions, int port, String path,
            UUID workspace, boolean offerPrefect) throws Exception {
        WebSocketClient client = vertx.createWebSocketClient(clientOptions);
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path)
                .addHeader(Workspace.HEADER, workspace.toString());
        if (offerPrefect) {
            options.addSubProtocol("prefect");
        }
        try {
            WebSocket socket = client.connect(options).toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new TestSocket(client, socket);
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    public String subProtocol() {
        return socket.subProtocol();
    }

    public void send(String text) throws Exception {
        socket.writeTextMessage(text).toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a ping and waits for its pong, as Prefect's client does after connecting and as a checkpoint. */
    public void ping() throws Exception {
        pong = new CompletableFuture<>();
        socket.writePing(Buffer.buffer("checkpoint"));
        pong.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Prefect's handshake: the auth message, then the server's answer. */
    public String authenticate(String token) throws Exception {
        send(token == null ? "{\"type\": \"auth\", \"token\": null}" : "{\"type\": \"auth\", \"token\": \"" + token + "\"}");
        return nextMessage();
    }

    /** Stops reading from the network: the server's frames pile up in TCP buffers and then in the server. */
    public void pause() {
        socket.pause();
    }

    public void resume() {
        socket.resume();
    }

    /** The messages received so far, without waiting. */
    public List<String> drain() {
        List<String> drained = new ArrayList<>();
        messages.drainTo(drained);
        return drained;
    }

    public String nextMessage() throws InterruptedException {
        String message = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + TIMEOUT);
        }
        return message;
    }

    /** Waits for the server to close the socket and returns its close status. */
    public short awaitClose() throws Exception {
        closed.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return socket.closeStatusCode();
    }

    public String closeReason() {
        return socket.closeReason();
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
        client.close();
    }
}
