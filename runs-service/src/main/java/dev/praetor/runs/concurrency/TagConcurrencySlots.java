package dev.praetor.runs.concurrency;

import dev.praetor.rest.json.Uuids;
import dev.praetor.runs.orchestration.PoissonIntervals;
import dev.praetor.runs.orchestration.TaskConcurrencySlots;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tag limits for task runs orchestrated by the server (task rules 4 and 11), as Prefect's SecureTaskConcurrencySlots
 * does it over v2 {@code tag:<tag>} limits: an active limit of 0 aborts; otherwise one slot on every active limit of
 * the tags, all or none, held by a ~100-year lease for the task run; a full limit delays the transition by a
 * jittered average occupancy (capped at the tag wait). Runs inside the orchestration's transaction.
 */
@ApplicationScoped
public class TagConcurrencySlots implements TaskConcurrencySlots {

    @Inject
    ConcurrencyLimitRepository repository;

    @Inject
    ConcurrencyLimitService service;

    @ConfigProperty(name = "praetor.runs.concurrency.tag-slot-wait-seconds", defaultValue = "10")
    double tagSlotWaitSeconds;

    @Override
    public Uni<Decision> acquire(SqlConnection tx, UUID workspaceId, UUID taskRunId, List<String> tags) {
        List<String> names = ConcurrencyLimitService.tagNames(tags);
        return repository.lockByNames(tx, workspaceId, names).chain(limits -> {
            List<ConcurrencyLimitV2> active = ConcurrencyLimitService.inNameOrder(names, limits, true);
            for (ConcurrencyLimitV2 limit : active) {
                if (limit.limit() == 0) {
                    return Uni.createFrom().item((Decision) new Decision.Abort(ConcurrencyLimitService.deadlock(limit.name())));
                }
            }
            if (active.isEmpty()) {
                return Uni.createFrom().item((Decision) new Decision.Acquired());
            }
            if (!active.stream().allMatch(limit -> ConcurrencyLimitService.hasRoom(limit, 1))) {
                ConcurrencyLimitV2 blocking = active.get(0);
                for (ConcurrencyLimitV2 limit : active) {
                    if (limit.active_slots() / (double) limit.limit() > blocking.active_slots() / (double) blocking.limit()) {
                        blocking = limit;
                    }
                }
                double occupancy = blocking.avg_slot_occupancy_seconds() > 0 ? blocking.avg_slot_occupancy_seconds() : tagSlotWaitSeconds;
                double average = Math.min(occupancy, tagSlotWaitSeconds);
                int delay = (int) Math.round(average <= 0 ? 0 : PoissonIntervals.clamped(average, 0.3));
                String reason = "Concurrency limit reached for tags: "
                        + active.stream().map(ConcurrencyLimitService::tagOf).collect(Collectors.joining(", "));
                return Uni.createFrom().item((Decision) new Decision.Wait(delay, reason));
            }
            List<UUID> ids = ConcurrencyLimitService.ids(active);
            return repository.incrementSlots(tx, workspaceId, ids, 1)
                    .chain(() -> repository.insertLease(tx, workspaceId, Uuids.timeOrdered(), ids, 1,
                            ConcurrencyLimitService.V1_LEASE_SECONDS, "task_run", taskRunId))
                    .replaceWith((Decision) new Decision.Acquired());
        });
    }

    @Override
    public Uni<Void> release(SqlConnection tx, UUID workspaceId, UUID taskRunId, List<String> tags) {
        return service.releaseTaskRun(tx, workspaceId, tags, taskRunId).replaceWithVoid();
    }
}
