package dev.praetor.eventsservice.stream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The bounded way out of one subscriber's websocket. Live frames are offered from the reader's thread: each one
 * reserves room (characters and frames) until the socket has handed it to the network, and a frame that does not fit
 * closes the socket with 1013 instead of queueing: a client that does not keep up costs at most the bound, and
 * Prefect's subscriber reconnects and asks again for what it missed (backfill). Everything that touches the socket
 * runs on its Vert.x context.
 */
public final class Outbound {
    /** Close code "try again later": the client's subscriber treats it as a failure and reconnects. */
    static final short TRY_AGAIN_LATER = 1013;
    private static final Logger LOG = Logger.getLogger(Outbound.class);

    /** The bound of one subscriber's frames not yet handed to the network. */
    public record Limits(long maxChars, int maxFrames) {
    }

    private final ServerWebSocket socket;
    private final Context context;
    private final Limits limits;
    private final Runnable onOverflow;
    private final AtomicLong bufferedChars = new AtomicLong();
    private final AtomicInteger bufferedFrames = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();

    /** {@code onOverflow} runs once, on any thread, when a frame did not fit (e.g. to unregister the subscriber). */
    public Outbound(ServerWebSocket socket, Context context, Limits limits, Runnable onOverflow) {
        this.socket = socket;
        this.context = context;
        this.limits = limits;
        this.onOverflow = onOverflow;
    }

    public ServerWebSocket socket() {
        return socket;
    }

    public boolean isClosing() {
        return closing.get() || socket.isClosed();
    }

    /**
     * Reserves room for {@code frame} (any thread). False, and the socket is being closed, when it does not fit.
     * A reserved frame must end in {@link #write} or {@link #release}.
     */
    public boolean reserve(String frame) {
        if (isClosing()) {
            return false;
        }
        long chars = bufferedChars.addAndGet(frame.length());
        int frames = bufferedFrames.incrementAndGet();
        if (chars > limits.maxChars() || frames > limits.maxFrames()) {
            release(frame);
            overflow(chars, frames);
            return false;
        }
        return true;
    }

    /** Gives back a reserved frame's room without sending it. */
    public void release(String frame) {
        bufferedChars.addAndGet(-frame.length());
        bufferedFrames.decrementAndGet();
    }

    /** Sends a reserved frame (on the socket's context); its room is given back once it left. */
    public void write(String frame) {
        if (isClosing()) {
            release(frame);
            return;
        }
        socket.writeTextMessage(frame).onComplete(ignored -> release(frame));
    }

    /** Sends a frame that reserved nothing (backfill, which waits for each page to leave before reading the next). */
    public Future<Void> send(String frame) {
        return isClosing() ? Future.failedFuture("closed") : socket.writeTextMessage(frame);
    }

    /** Runs {@code task} on the socket's context. */
    public void onContext(Runnable task) {
        context.runOnContext(ignored -> task.run());
    }

    /** Number of frames not handed to the network yet, for tests and metrics. */
    public int bufferedFrames() {
        return bufferedFrames.get();
    }

    private void overflow(long chars, int frames) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        LOG.infof("Closing a slow subscriber of %s: %d frames (%d characters) waiting to be sent", socket.path(),
                frames, chars);
        onOverflow.run();
        onContext(() -> {
            if (!socket.isClosed()) {
                socket.close(TRY_AGAIN_LATER, "Subscriber too slow");
            }
        });
    }
}
