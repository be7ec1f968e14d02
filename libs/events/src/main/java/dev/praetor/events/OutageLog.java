package dev.praetor.events;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Logs a dependency outage as it starts, once a minute while it lasts, and when it ends: never one line per retry.
 * Only exception classes and messages are logged (Kafka and PostgreSQL messages name topics and statements, never
 * record payloads). Written by one worker thread; {@link #failingFor()} may be read from any thread.
 */
final class OutageLog {

    private static final Duration REMINDER_INTERVAL = Duration.ofMinutes(1);

    private final Logger log;
    private final String subject;
    private volatile long failingSinceNanos; // 0 = healthy
    private String lastProblem;
    private long lastLogNanos;

    OutageLog(Logger log, String subject) {
        this.log = log;
        this.subject = subject;
    }

    /** @param problem what went wrong, e.g. "Kafka unavailable" */
    void failure(String problem, Throwable cause) {
        long now = System.nanoTime();
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        lastProblem = problem;
        if (failingSinceNanos == 0) {
            failingSinceNanos = now;
            lastLogNanos = now;
            log.infof("%s paused: %s (%s); retrying with backoff", subject, problem, reason);
        } else if (now - lastLogNanos >= REMINDER_INTERVAL.toNanos()) {
            lastLogNanos = now;
            log.infof("%s still paused after %d s: %s (%s)",
                    subject, TimeUnit.NANOSECONDS.toSeconds(now - failingSinceNanos), problem, reason);
        }
    }

    void success() {
        if (failingSinceNanos != 0) {
            log.infof("%s resumed after %d ms (%s before)", subject,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failingSinceNanos), lastProblem);
            failingSinceNanos = 0;
        }
    }

    /** How long the current outage has lasted; empty when the last attempt succeeded. */
    Optional<Duration> failingFor() {
        long since = failingSinceNanos;
        return since == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - since));
    }
}
