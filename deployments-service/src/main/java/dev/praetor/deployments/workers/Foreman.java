package dev.praetor.deployments.workers;

import dev.praetor.deployments.deployments.DeploymentRepository;
import dev.praetor.events.ExclusiveLoop;
import dev.praetor.deployments.workpools.WorkPoolRepository;
import dev.praetor.deployments.workqueues.WorkQueueRepository;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Prefect's foreman (work-pools.md §7.1), once per cluster: silent workers go OFFLINE, READY pools without an ONLINE
 * worker, deployments and queues not polled for 60 s go NOT_READY.
 */
@ApplicationScoped
public class Foreman {
    static final int FALLBACK_HEARTBEAT_INTERVAL_SECONDS = 30;
    static final int INACTIVITY_HEARTBEAT_MULTIPLE = 3;
    static final int LAST_POLLED_TIMEOUT_SECONDS = 60;

    @Inject
    WorkerRepository workers;

    @Inject
    WorkPoolRepository pools;

    @Inject
    WorkQueueRepository queues;

    @Inject
    DeploymentRepository deployments;

    @ConfigProperty(name = "praetor.foreman.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "praetor.foreman.loop-seconds", defaultValue = "15")
    int loopSeconds;

    private ExclusiveLoop loop;

    void onStart(@Observes StartupEvent event) {
        loop = new ExclusiveLoop("praetor.foreman", workers.pool(), Duration.ofSeconds(loopSeconds), Duration.ofMinutes(1),
                tx -> workers.markSilentOffline(tx, FALLBACK_HEARTBEAT_INTERVAL_SECONDS, INACTIVITY_HEARTBEAT_MULTIPLE)
                        .chain(() -> pools.markNotReadyWithoutOnlineWorkers(tx))
                        .chain(() -> deployments.markStaleNotReady(tx, LAST_POLLED_TIMEOUT_SECONDS))
                        .chain(() -> queues.markStaleNotReady(tx, LAST_POLLED_TIMEOUT_SECONDS))
                        .replaceWithVoid());
        if (enabled) {
            loop.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    /** Runs one round now, on the caller's thread (tests). */
    public boolean runOnce() {
        return loop.runOnce();
    }
}
