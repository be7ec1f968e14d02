package dev.praetor.events;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Periodic work that must run on one replica at a time (ARCHITECTURE: scaling out): each round runs inside a
 * transaction holding a PostgreSQL transaction-level advisory lock; a replica that does not get the lock skips the
 * round. Rounds run on a dedicated thread, one after the other, never on the event loop.
 */
public final class ExclusiveLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExclusiveLoop.class);
    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext($1))";

    private final String name;
    private final Pool pool;
    private final Duration period;
    private final Duration roundTimeout;
    private final Function<SqlConnection, Uni<Void>> round;
    private final ScheduledExecutorService executor;
    private volatile boolean failing;
    private volatile boolean started;
    private final AtomicBoolean nudged = new AtomicBoolean();

    /**
     * @param name  the lock's name (and the thread's); replicas sharing a database share the lock
     * @param round the work, given the locked transaction's connection (other connections may be used too)
     */
    public ExclusiveLoop(String name, Pool pool, Duration period, Duration roundTimeout,
            Function<SqlConnection, Uni<Void>> round) {
        this.name = name;
        this.pool = pool;
        this.period = period;
        this.roundTimeout = roundTimeout;
        this.round = round;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() {
        started = true;
        executor.scheduleWithFixedDelay(this::runRound, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs one round now on the caller's thread (tests); false when another replica holds the lock. */
    public boolean runOnce() {
        return pool.withTransaction(tx -> tx.preparedQuery(TRY_LOCK).execute(Tuple.of(name))
                .flatMap(rows -> rows.iterator().next().getBoolean(0)
                        ? round.apply(tx).replaceWith(true) : Uni.createFrom().item(false)))
                .await().atMost(roundTimeout);
    }

    /**
     * Runs a round soon, on the loop's thread, instead of at the next period (e.g. right after a deployment was
     * written, so its runs exist before a served flow's first poll). Nudges made while one is pending coalesce; on a
     * replica without the lock the round is skipped as usual, and the holder's own period still applies.
     */
    public void nudge() {
        if (started && nudged.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    nudged.set(false);
                    runRound();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                nudged.set(false); // closing
            }
        }
    }

    private void runRound() {
        try {
            runOnce();
            if (failing) {
                LOG.infof("%s: rounds succeed again", name);
                failing = false;
            }
        } catch (RuntimeException e) {
            // Logged once per outage: the database or another service being down must not flood the log.
            if (!failing) {
                LOG.warnf("%s: round failed (retried every %s): %s", name, period, e.toString());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
