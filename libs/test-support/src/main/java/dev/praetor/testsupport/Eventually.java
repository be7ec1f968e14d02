package dev.praetor.testsupport;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling with a deadline, for what becomes true eventually (a projection fed from Kafka, a cascade driven by a
 * tombstone). The deadline only bounds a failing test; a passing one returns as soon as the condition holds.
 */
public final class Eventually {

    public static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private Eventually() {
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after {@link #DEADLINE}. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + DEADLINE);
            }
            pause();
        }
    }

    /** Waits until {@code actual} answers {@code expected}; fails with the last answer after {@link #DEADLINE}. */
    public static <T> void awaitEquals(T expected, Supplier<T> actual, String message) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T answer = actual.get();
        while (!Objects.equals(expected, answer)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message + " ==> expected: <" + expected + "> but was: <" + answer
                        + "> after " + DEADLINE);
            }
            pause();
            answer = actual.get();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
