package dev.praetor.runs.concurrency;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Prefect's Repossessor: expired leases are revoked and their slots given back (with the lease's age as occupancy).
 * Runs once per cluster: each round holds a transaction-level PostgreSQL advisory lock, and a replica that does not
 * get it skips the round. Rounds run on their own thread, never on the event loop.
 */
@ApplicationScoped
public class LeaseRepossessor {
    private static final Logger LOG = Logger.getLogger(LeaseRepossessor.class);
    private static final String LOCK_NAME = "praetor.runs.lease-repossessor";
    private static final String TRY_LOCK = "SELECT pg_try_advisory_xact_lock(hashtext($1))";
    private static final int BATCH = 200;

    @Inject
    ConcurrencyLimitRepository repository;

    @Inject
    ConcurrencyLimitService service;

    @ConfigProperty(name = "praetor.runs.concurrency.lease-check-interval", defaultValue = "PT15S")
    Duration interval;

    @ConfigProperty(name = "praetor.runs.concurrency.repossessor-enabled", defaultValue = "true")
    boolean enabled;

    private ScheduledExecutorService executor;
    private volatile boolean failing;

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lease-repossessor");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::round, millis, millis, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /**
     * Revokes up to one batch of expired leases now, on the caller's thread; answers how many, or -1 when another
     * replica holds the lock.
     */
    public int runOnce() {
        return repository.pool().withTransaction(tx -> tx.preparedQuery(TRY_LOCK).execute(Tuple.of(LOCK_NAME))
                .chain(rows -> {
                    if (!rows.iterator().next().getBoolean(0)) {
                        return Uni.createFrom().item(-1);
                    }
                    return repository.lockExpiredLeases(tx, BATCH)
                            .chain(leases -> service.releaseAll(tx, leases, true).replaceWith(leases.size()));
                }))
                .await().atMost(Duration.ofMinutes(1));
    }

    private void round() {
        try {
            int revoked;
            do {
                revoked = runOnce();
                if (revoked > 0) {
                    LOG.debugf("Revoked %d expired concurrency leases", revoked);
                }
            } while (revoked == BATCH);
            if (failing) {
                LOG.info("lease-repossessor: rounds succeed again");
                failing = false;
            }
        } catch (RuntimeException e) {
            // logged once per outage, so a database outage does not flood the log
            if (!failing) {
                LOG.warnf("lease-repossessor: round failed (retried every %s): %s", interval, e.toString());
                failing = true;
            }
        }
    }
}
