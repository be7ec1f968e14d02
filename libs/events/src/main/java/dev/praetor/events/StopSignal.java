package dev.praetor.events;

import java.time.Duration;

/** A worker thread's stop flag; stopping also wakes the worker if it is sleeping between rounds. */
final class StopSignal {

    private volatile boolean stopped;

    boolean isStopped() {
        return stopped;
    }

    void stop() {
        stopped = true;
        synchronized (this) {
            notifyAll();
        }
    }

    /** Sleeps for {@code duration}, or less when stopped meanwhile; an interrupt counts as a stop. */
    void sleep(Duration duration) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            try {
                wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }
    }
}
