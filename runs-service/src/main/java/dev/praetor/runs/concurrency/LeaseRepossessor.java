package dev.praetor.runs.concurrency;

import dev.praetor.events.ExclusiveLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Prefect's Repossessor: expired leases are revoked and their slots given back (with the lease's age as occupancy).
 * Runs once per cluster, as an {@link ExclusiveLoop}: every {@code lease-check-interval} one replica revokes a batch.
 */
@ApplicationScoped
public class LeaseRepossessor {
    private static final Logger LOG = Logger.getLogger(LeaseRepossessor.class);
    private static final int BATCH = 200;

    @Inject
    ConcurrencyLimitRepository repository;

    @Inject
    ConcurrencyLimitService service;

    @ConfigProperty(name = "praetor.runs.concurrency.lease-check-interval", defaultValue = "PT15S")
    Duration interval;

    @ConfigProperty(name = "praetor.runs.concurrency.repossessor-enabled", defaultValue = "true")
    boolean enabled;

    private ExclusiveLoop loop;

    void onStart(@Observes StartupEvent event) {
        // Built even when disabled, so runOnce() still works (tests, a disabled replica).
        loop = new ExclusiveLoop("praetor.runs.lease-repossessor", repository.pool(), interval, Duration.ofMinutes(1),
                this::revokeBatch);
        if (enabled) {
            loop.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    /** Runs one round now, on the caller's thread; false when another replica holds the lock. */
    public boolean runOnce() {
        return loop.runOnce();
    }

    private Uni<Void> revokeBatch(SqlConnection tx) {
        return repository.lockExpiredLeases(tx, BATCH).chain(leases -> service.releaseAll(tx, leases, true)
                .invoke(() -> {
                    if (!leases.isEmpty()) {
                        LOG.debugf("Revoked %d expired concurrency leases", leases.size());
                    }
                    // A full batch may leave more behind: the next round comes now rather than a period later,
                    // each batch in its own short transaction.
                    if (leases.size() == BATCH) {
                        loop.nudge();
                    }
                }));
    }
}
