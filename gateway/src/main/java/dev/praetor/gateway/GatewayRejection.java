package dev.praetor.gateway;

import io.vertx.core.buffer.Buffer;

/** A request the gateway refuses before it reaches a service: the status and JSON body to answer with. */
public final class GatewayRejection extends RuntimeException {

    public static final GatewayRejection NOT_FOUND = new GatewayRejection(404, JsonResponses.NOT_FOUND);

    private final int status;
    private final Buffer body;
    /** Seconds for a {@code Retry-After} header, or 0 for none. */
    private final long retryAfterSeconds;

    public GatewayRejection(int status, Buffer body) {
        this(status, body, 0);
    }

    public GatewayRejection(int status, Buffer body, long retryAfterSeconds) {
        // No stack trace: this is an answer, not a fault, and it may be raised on every request.
        super(null, null, false, false);
        this.status = status;
        this.body = body;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public Buffer body() {
        return body;
    }
}
