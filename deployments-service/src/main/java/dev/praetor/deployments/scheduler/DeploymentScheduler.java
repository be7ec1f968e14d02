package dev.praetor.deployments.scheduler;

import dev.praetor.deployments.deployments.DeploymentRepository;
import dev.praetor.deployments.deployments.DeploymentRepository.DueSchedule;
import dev.praetor.events.ExclusiveLoop;
import dev.praetor.deployments.scheduler.ScheduledRunFactory.ScheduleRef;
import dev.praetor.deployments.schedules.Schedule;
import dev.praetor.deployments.schedules.Schedules;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The scheduler (deployments.md §9), once per cluster. Instead of Prefect's two loops that count each schedule's
 * future runs (which live in runs-service here), every schedule carries {@code next_visit_at}: a change makes it due
 * at once (runs within one loop period, 5 s by default), and a visit sets it to when Prefect's main loop would next
 * find the schedule short of runs. Each round first carries out pending run cleanups, then visits due schedules of
 * deployments that have none pending.
 */
@ApplicationScoped
public class DeploymentScheduler {
    private static final Logger LOG = Logger.getLogger(DeploymentScheduler.class);
    private static final int BATCH = 100;
    /** Prefect's main loop period: a schedule short of runs is topped up at most this often. */
    private static final Duration MAIN_LOOP = Duration.ofSeconds(60);
    /** A schedule whose visit failed (runs-service down, a broken schedule) is retried after this long. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    @Inject
    DeploymentRepository deployments;

    @Inject
    ScheduledRunFactory factory;

    @Inject
    ScheduledRunCleaner cleaner;

    @ConfigProperty(name = "praetor.scheduler.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "praetor.scheduler.loop-seconds", defaultValue = "5")
    int loopSeconds;

    @ConfigProperty(name = "praetor.scheduler.min-runs", defaultValue = "3")
    int minRuns;

    @ConfigProperty(name = "praetor.scheduler.max-runs", defaultValue = "100")
    int maxRuns;

    @ConfigProperty(name = "praetor.scheduler.min-scheduled-time", defaultValue = "PT1H")
    Duration minScheduledTime;

    @ConfigProperty(name = "praetor.scheduler.max-scheduled-time", defaultValue = "P100D")
    Duration maxScheduledTime;

    private ExclusiveLoop loop;

    void onStart(@Observes StartupEvent event) {
        loop = new ExclusiveLoop("praetor.scheduler", deployments.pool(), Duration.ofSeconds(loopSeconds),
                Duration.ofMinutes(5), tx -> round());
        if (enabled) {
            loop.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.close();
        }
    }

    /** The generation limits (used by {@code POST /deployments/{id}/schedule} too). */
    public RunPlan plan() {
        return new RunPlan(minRuns, maxRuns, minScheduledTime, maxScheduledTime);
    }

    /** A deployment or schedule was written: visit schedules now rather than at the next period. */
    public void nudge() {
        if (loop != null) {
            loop.nudge();
        }
    }

    /** Runs one round now, on the caller's thread (tests); false when another replica holds the lock. */
    public boolean runOnce() {
        return loop.runOnce();
    }

    private Uni<Void> round() {
        return cleaner.runPending(BATCH)
                .onFailure().invoke(e -> LOG.debugf("Pending run cleanups failed (retried next round): %s", e))
                .onFailure().recoverWithNull()
                .chain(() -> deployments.dueSchedules(deployments.pool(), BATCH))
                .chain(due -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (DueSchedule schedule : due) {
                        chain = chain.chain(() -> visit(schedule));
                    }
                    return chain;
                });
    }

    private Uni<Void> visit(DueSchedule due) {
        Instant now = Instant.now();
        return deployments.find(deployments.pool(), due.workspaceId(), due.deploymentId()).chain(stored -> {
            if (stored == null) {
                return Uni.createFrom().voidItem();
            }
            Schedule schedule = Schedules.fromStored(due.schedule());
            List<ZonedDateTime> dates = plan().dates(schedule, now, null);
            ScheduleRef ref = new ScheduleRef(due.id(), due.slug(), schedule, due.parameters());
            return factory.create(due.workspaceId(), stored, ref, dates)
                    .chain(() -> deployments.snapshotVersion(deployments.pool(), due.deploymentId()))
                    .chain(version -> {
                        if (version != null && version != stored.snapshotVersion()) {
                            // The deployment changed while its runs were being made: those runs may follow the old
                            // settings, so they go the way of the change's own cleanup and the schedule stays due.
                            return deployments.pool().withTransaction(tx -> deployments
                                    .requestCleanup(tx, due.workspaceId(), due.deploymentId(), true, true));
                        }
                        Instant next = plan().nextVisit(dates, now, MAIN_LOOP);
                        return deployments.setNextVisit(deployments.pool(), due.id(), due.nextVisitAt(),
                                next.atOffset(ZoneOffset.UTC));
                    });
        }).onFailure().recoverWithUni(e -> {
            LOG.warnf("Scheduling runs of deployment %s (schedule %s) failed; retried in %s: %s", due.deploymentId(),
                    due.id(), RETRY_AFTER, e.toString());
            return deployments.setNextVisit(deployments.pool(), due.id(), due.nextVisitAt(),
                    OffsetDateTime.now(ZoneOffset.UTC).plus(RETRY_AFTER));
        });
    }
}
