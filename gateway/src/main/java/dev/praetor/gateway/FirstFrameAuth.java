package dev.praetor.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Prefect's in-band websocket auth, checked at the gateway for upgrades that carry no {@code Authorization} header:
 * the self-hosted subscribers and the Cloud subscriber ({@code /events/out}, {@code /logs/out}, task-run
 * subscriptions) send only the first frame {@code {"type": "auth", "token": <auth string or API key>}}. The gateway
 * reads that frame from the client side of the tunnel, checks the token, then forwards it unchanged and joins the
 * tunnel; a refusal closes the socket with 1008 as Prefect does.
 */
final class FirstFrameAuth {

    /** Largest first frame read; an auth message is tiny. */
    private static final int MAX_FRAME_BYTES = 16 * 1024;
    private static final int POLICY_VIOLATION = 1008;

    private final NetSocket client;
    private final NetSocket service;
    private final Function<String, Future<Boolean>> tokenCheck;
    private Buffer received = Buffer.buffer();
    private boolean decided;

    private FirstFrameAuth(NetSocket client, NetSocket service, Function<String, Future<Boolean>> tokenCheck) {
        this.client = client;
        this.service = service;
        this.tokenCheck = tokenCheck;
    }

    /** Holds the client's bytes until its first frame is checked; then pipes client to service. */
    static void guard(NetSocket client, NetSocket service, Function<String, Future<Boolean>> tokenCheck) {
        FirstFrameAuth guard = new FirstFrameAuth(client, service, tokenCheck);
        client.handler(guard::onData);
        client.closeHandler(closed -> service.close());
    }

    private void onData(Buffer chunk) {
        if (decided) {
            return;
        }
        received.appendBuffer(chunk);
        int frameLength = frameLength(received);
        if (frameLength == 0) {
            if (received.length() > MAX_FRAME_BYTES) {
                refuse("Expected 'auth' message");
            }
            return;
        }
        decided = true;
        client.pause();
        String token;
        try {
            token = token(received, frameLength);
        } catch (IllegalArgumentException e) {
            refuse("Expected 'auth' message");
            return;
        }
        if (token == null) {
            refuse("Auth required but no token provided");
            return;
        }
        tokenCheck.apply(token).onComplete(checked -> {
            if (checked.succeeded() && checked.result()) {
                service.write(received);
                received = null;
                client.handler(null);
                client.pipeTo(service);
                client.resume();
            } else {
                refuse("Invalid token");
            }
        });
    }

    /** @return the length of the first complete frame in the buffer, or 0 when it is not complete yet */
    private static int frameLength(Buffer buffer) {
        if (buffer.length() < 2) {
            return 0;
        }
        int length7 = buffer.getByte(1) & 0x7f;
        int header = 2;
        long payload = length7;
        if (length7 == 126) {
            if (buffer.length() < 4) {
                return 0;
            }
            payload = buffer.getUnsignedShort(2);
            header = 4;
        } else if (length7 == 127) {
            if (buffer.length() < 10) {
                return 0;
            }
            payload = buffer.getLong(2);
            header = 10;
        }
        boolean masked = (buffer.getByte(1) & 0x80) != 0;
        long total = header + (masked ? 4 : 0) + payload;
        if (total > MAX_FRAME_BYTES) {
            return 0; // never complete: onData refuses once more than the bound has arrived
        }
        return buffer.length() >= total ? (int) total : 0;
    }

    /** The token of an auth message in the first frame; null when it has none; IllegalArgumentException otherwise. */
    private static String token(Buffer buffer, int frameLength) {
        int first = buffer.getByte(0) & 0xff;
        if ((first & 0x80) == 0 || (first & 0x0f) != 1) {
            throw new IllegalArgumentException("not a whole text frame");
        }
        int length7 = buffer.getByte(1) & 0x7f;
        int offset = length7 == 126 ? 4 : length7 == 127 ? 10 : 2;
        boolean masked = (buffer.getByte(1) & 0x80) != 0;
        byte[] mask = masked ? buffer.getBytes(offset, offset + 4) : null;
        offset += masked ? 4 : 0;
        byte[] payload = buffer.getBytes(offset, frameLength);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        JsonObject message;
        try {
            message = new JsonObject(new String(payload, StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            throw new IllegalArgumentException(e);
        }
        if (!"auth".equals(message.getValue("type"))) {
            throw new IllegalArgumentException("not an auth message");
        }
        Object token = message.getValue("token");
        return token instanceof String text ? text : null;
    }

    /** Sends a close frame (server frames are not masked) and drops both sides of the tunnel. */
    private void refuse(String reason) {
        decided = true;
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        Buffer close = Buffer.buffer().appendByte((byte) 0x88).appendByte((byte) (2 + text.length))
                .appendUnsignedShort(POLICY_VIOLATION).appendBytes(text);
        client.write(close).onComplete(written -> client.close());
        service.close();
    }
}
