package dev.praetor.runs.concurrency;

import dev.praetor.events.Outbox;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.Paging;
import dev.praetor.runs.concurrency.ConcurrencyLimitRepository.Lease;
import dev.praetor.runs.orchestration.PoissonIntervals;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The rules of v1 tag limits and v2 global limits (other-resources.md §2-§3), one transaction per request. Slots are
 * taken under row locks ({@code SELECT ... FOR UPDATE} in id order), so concurrent increments never exceed a limit.
 */
@ApplicationScoped
public class ConcurrencyLimitService {
    public static final String TAG_PREFIX = "tag:";
    static final String V2_NOT_FOUND = "Concurrency Limit not found";
    static final String V1_NOT_FOUND = "Concurrency limit not found";
    /** Prefect's V1_LEASE_TTL: v1 holders cannot renew, so their leases last ~100 years. */
    static final double V1_LEASE_SECONDS = Duration.ofDays(100 * 365).toSeconds();

    @Inject
    ConcurrencyLimitRepository repository;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "praetor.runs.concurrency.tag-slot-wait-seconds", defaultValue = "10")
    double tagSlotWaitSeconds;

    @ConfigProperty(name = "praetor.runs.concurrency.maximum-slot-wait-seconds", defaultValue = "30")
    double maximumSlotWaitSeconds;

    /** The outcome of an increment: slots taken (and the lease, if one was asked for), or none free. */
    sealed interface Acquisition {
        record Acquired(List<ConcurrencyLimitV2> limits, UUID leaseId) implements Acquisition {
        }

        record Locked(String retryAfter) implements Acquisition {
        }
    }

    // ---------------------------------------------------------------- v2

    public Uni<ConcurrencyLimitV2> create(UUID workspaceId, ConcurrencyLimitV2Create body) {
        return repository.pool().withTransaction(tx -> repository.insert(tx, workspaceId, Uuids.timeOrdered(), body)
                .call(created -> event(tx, workspaceId, "created", created)));
    }

    public Uni<GlobalConcurrencyLimitResponse> read(UUID workspaceId, String idOrName) {
        return find(repository.pool(), workspaceId, idOrName).map(ConcurrencyLimitService::global);
    }

    public Uni<List<GlobalConcurrencyLimitResponse>> filter(UUID workspaceId, LimitOffset body) {
        return repository.page(repository.pool(), workspaceId, null, Paging.limit(body.limit()), Paging.offset(body.offset()))
                .map(limits -> limits.stream().map(ConcurrencyLimitService::global).toList());
    }

    public Uni<Void> update(UUID workspaceId, String idOrName, ConcurrencyLimitV2Update body) {
        return repository.pool().withTransaction(tx -> find(tx, workspaceId, idOrName)
                .chain(limit -> repository.update(tx, workspaceId, limit.id(), body)
                        .chain(() -> repository.find(tx, workspaceId, limit.id(), null))
                        .chain(updated -> event(tx, workspaceId, "updated", updated.orElseThrow()))));
    }

    public Uni<Void> delete(UUID workspaceId, String idOrName) {
        return repository.pool().withTransaction(tx -> find(tx, workspaceId, idOrName)
                .chain(limit -> repository.delete(tx, workspaceId, limit.id()).chain(() -> event(tx, workspaceId, "deleted", limit))));
    }

    /** The limit's lifecycle event, written to the outbox in the change's transaction. */
    private Uni<Void> event(SqlConnection tx, UUID workspaceId, String action, ConcurrencyLimitV2 limit) {
        return outbox.append(tx, ConcurrencyLimitEvents.of(workspaceId, action, limit));
    }

    /** {@code POST /v2/concurrency_limits/increment} and {@code increment-with-lease}. */
    public Uni<ConcurrencyLimitWithLeaseResponse> increment(UUID workspaceId, ConcurrencySlotsRequest body, boolean withLease) {
        UUID leaseId = Uuids.timeOrdered();
        return repository.pool().withTransaction(tx -> repository.lockByNames(tx, workspaceId, body.names())
                .chain(limits -> acquire(tx, workspaceId, limits, body.slots(), body.rateLimit()).chain(acquisition -> {
                    if (withLease && acquisition instanceof Acquisition.Acquired acquired) {
                        ConcurrencyLeaseHolder holder = body.holder();
                        return repository.insertLease(tx, workspaceId, leaseId, ids(acquired.limits()), body.slots(),
                                body.leaseSecondsOrDefault(), holder == null ? null : holder.type(),
                                holder == null ? null : holder.id()).replaceWith(acquisition);
                    }
                    return Uni.createFrom().item(acquisition);
                }))).map(acquisition -> {
                    if (acquisition instanceof Acquisition.Locked locked) {
                        throw new ConcurrencyLocked("Locked", locked.retryAfter());
                    }
                    return new ConcurrencyLimitWithLeaseResponse(leaseId,
                            minimal(((Acquisition.Acquired) acquisition).limits(), false));
                });
    }

    /** {@code POST /v2/concurrency_limits/decrement}: every limit found is listed, active ones give slots back. */
    public Uni<List<MinimalConcurrencyLimitResponse>> decrement(UUID workspaceId, ConcurrencySlotsRequest body) {
        return repository.pool().withTransaction(tx -> repository.lockByNames(tx, workspaceId, body.names())
                .chain(limits -> repository.decrementSlots(tx, workspaceId, activeIds(limits), body.slots(),
                        body.occupancy_seconds()).replaceWith(minimal(limits, false))));
    }

    /** {@code decrement-with-lease}: releases the lease's slots (occupancy = its age) and revokes it; unknown is fine. */
    public Uni<Void> decrementWithLease(UUID workspaceId, UUID leaseId) {
        return repository.pool().withTransaction(tx -> repository.lockLease(tx, workspaceId, leaseId)
                .chain(lease -> lease.isPresent() ? release(tx, lease.get(), true) : Uni.createFrom().voidItem()));
    }

    public Uni<Void> renew(UUID workspaceId, UUID leaseId, double seconds) {
        return repository.renewLease(repository.pool(), workspaceId, leaseId, seconds).map(renewed -> {
            if (!renewed) {
                throw new PrefectHttpException(410, "Lease not found - it may have expired or been revoked");
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- v1 (an adapter over v2 `tag:<tag>` limits)

    /** The boolean says whether the limit was created (201) rather than updated (200). */
    public Uni<Map.Entry<ConcurrencyLimit, Boolean>> createTagLimit(UUID workspaceId, ConcurrencyLimitCreate body) {
        return repository.pool().withTransaction(tx -> repository.upsertLimit(tx, workspaceId, Uuids.timeOrdered(),
                TAG_PREFIX + body.tag(), body.concurrency_limit())
                .call(upserted -> event(tx, workspaceId, upserted.getValue() ? "created" : "updated", upserted.getKey()))
                .chain(upserted -> v1Views(tx, workspaceId, List.of(upserted.getKey()))
                        .map(views -> Map.entry(views.get(0), upserted.getValue()))));
    }

    public Uni<ConcurrencyLimit> readTagLimit(UUID workspaceId, UUID id) {
        SqlClient c = repository.pool();
        return repository.find(c, workspaceId, id, null).chain(found -> tagLimitOr404(c, workspaceId, found));
    }

    public Uni<ConcurrencyLimit> readTagLimit(UUID workspaceId, String tag) {
        SqlClient c = repository.pool();
        return repository.find(c, workspaceId, null, TAG_PREFIX + tag).chain(found -> tagLimitOr404(c, workspaceId, found));
    }

    public Uni<List<ConcurrencyLimit>> filterTagLimits(UUID workspaceId, LimitOffset body) {
        SqlClient c = repository.pool();
        return repository.page(c, workspaceId, TAG_PREFIX, Paging.limit(body.limit()), Paging.offset(body.offset()))
                .chain(limits -> v1Views(c, workspaceId, limits));
    }

    /**
     * Revokes every lease on the tag's limit, then takes a slot under a fresh lease for each task run of
     * {@code slotOverride}. Prefect revokes the leases without giving their slots back (the v2 count then stays
     * high); here the revoked leases' slots are released, so the limit's count matches its holders.
     */
    public Uni<Void> resetTagLimit(UUID workspaceId, String tag, List<UUID> slotOverride) {
        return repository.pool().withTransaction(tx -> repository.lockByNames(tx, workspaceId, List.of(TAG_PREFIX + tag))
                .chain(limits -> {
                    if (limits.isEmpty()) {
                        throw PrefectHttpException.notFound(V1_NOT_FOUND);
                    }
                    ConcurrencyLimitV2 limit = limits.get(0);
                    Uni<Void> chain = releaseLeasesOn(tx, workspaceId, limit.id(), null);
                    for (UUID taskRunId : slotOverride == null ? List.<UUID>of() : slotOverride) {
                        chain = chain.chain(() -> repository.lockByIds(tx, workspaceId, List.of(limit.id()))
                                .chain(current -> hasRoom(current.get(0), 1)
                                        ? repository.incrementSlots(tx, workspaceId, List.of(limit.id()), 1)
                                        : Uni.createFrom().voidItem())
                                .chain(() -> repository.insertLease(tx, workspaceId, Uuids.timeOrdered(), List.of(limit.id()),
                                        1, V1_LEASE_SECONDS, "task_run", taskRunId)));
                    }
                    return chain;
                }));
    }

    public Uni<Void> deleteTagLimit(UUID workspaceId, UUID id) {
        return repository.pool().withTransaction(tx -> repository.find(tx, workspaceId, id, null)
                .chain(found -> deleteWithLeases(tx, workspaceId, found)));
    }

    public Uni<Void> deleteTagLimit(UUID workspaceId, String tag) {
        return repository.pool().withTransaction(tx -> repository.find(tx, workspaceId, null, TAG_PREFIX + tag)
                .chain(found -> deleteWithLeases(tx, workspaceId, found)));
    }

    /**
     * {@code POST /concurrency_limits/increment}: a limit of 0 on any tag is a deadlock (423 at once); otherwise one
     * slot on every active tag limit, all or none, held by one ~100-year lease for the task run.
     */
    public Uni<List<MinimalConcurrencyLimitResponse>> incrementTags(UUID workspaceId, List<String> tags, UUID taskRunId) {
        List<String> names = tagNames(tags);
        return repository.pool().withTransaction(tx -> repository.lockByNames(tx, workspaceId, names).chain(limits -> {
            for (String name : names) {
                for (ConcurrencyLimitV2 limit : limits) {
                    if (limit.name().equals(name) && limit.limit() == 0) {
                        throw new ConcurrencyLocked(deadlock(name), null);
                    }
                }
            }
            List<ConcurrencyLimitV2> active = inNameOrder(names, limits, true);
            for (ConcurrencyLimitV2 limit : active) {
                if (!hasRoom(limit, 1)) {
                    throw new ConcurrencyLocked("Concurrency limit for the " + tagOf(active.get(0)) + " tag has been reached",
                            seconds(tagSlotWaitSeconds));
                }
            }
            if (active.isEmpty()) {
                return Uni.createFrom().item(List.<MinimalConcurrencyLimitResponse>of());
            }
            return repository.incrementSlots(tx, workspaceId, ids(active), 1)
                    .chain(() -> repository.insertLease(tx, workspaceId, Uuids.timeOrdered(), ids(active), 1,
                            V1_LEASE_SECONDS, "task_run", taskRunId))
                    .replaceWith(minimal(active, true));
        }));
    }

    /**
     * {@code POST /concurrency_limits/decrement}: releases the task run's leases on the tags' limits. Lists every
     * limit found under its v2 name ({@code tag:<tag>}), as Prefect does (unlike increment).
     */
    public Uni<List<MinimalConcurrencyLimitResponse>> decrementTags(UUID workspaceId, List<String> tags, UUID taskRunId) {
        return repository.pool().withTransaction(tx -> releaseTaskRun(tx, workspaceId, tags, taskRunId));
    }

    // ---------------------------------------------------------------- shared with the orchestration seams

    /** Releases every lease {@code taskRunId} holds on the tags' limits; answers the limits found. */
    Uni<List<MinimalConcurrencyLimitResponse>> releaseTaskRun(SqlClient tx, UUID workspaceId, List<String> tags, UUID taskRunId) {
        return repository.lockByNames(tx, workspaceId, tagNames(tags)).chain(limits -> {
            if (limits.isEmpty()) {
                return Uni.createFrom().item(List.<MinimalConcurrencyLimitResponse>of());
            }
            return repository.lockLeasesOnLimits(tx, workspaceId, ids(limits), taskRunId)
                    .chain(leases -> releaseAll(tx, leases, false)).replaceWith(minimal(limits, false));
        });
    }

    /**
     * All-or-nothing: every active limit of {@code limits} (already locked) must have room for {@code slots}; then
     * each takes them. When one has no room nothing is taken, each active limit counts the denial, and the answer
     * carries Prefect's Retry-After.
     */
    Uni<Acquisition> acquire(SqlClient tx, UUID workspaceId, List<ConcurrencyLimitV2> limits, int slots, boolean rateLimit) {
        List<ConcurrencyLimitV2> active = limits.stream().filter(ConcurrencyLimitV2::active).toList();
        if (active.stream().anyMatch(limit -> limit.limit() < slots)) {
            throw PrefectHttpException.unprocessable("Slots requested is greater than the limit");
        }
        List<String> nonDecaying = active.stream().filter(limit -> limit.slot_decay_per_second() == 0.0)
                .map(ConcurrencyLimitV2::name).toList();
        if (rateLimit && !nonDecaying.isEmpty()) {
            throw PrefectHttpException.unprocessable("Only concurrency limits with slot decay can be used for rate limiting. "
                    + "The following limits do not have a decay configured: '" + String.join(",", nonDecaying) + "'");
        }
        if (active.stream().allMatch(limit -> hasRoom(limit, slots))) {
            return repository.incrementSlots(tx, workspaceId, ids(active), slots)
                    .replaceWith(new Acquisition.Acquired(limits, null));
        }
        String retryAfter = seconds(retryAfter(active, slots));
        return repository.addDeniedSlots(tx, workspaceId, ids(active), slots).replaceWith(new Acquisition.Locked(retryAfter));
    }

    /** Prefect's Retry-After for a refused increment: from the most blocking limit, capped, then jittered. */
    double retryAfter(List<ConcurrencyLimitV2> active, int slots) {
        ConcurrencyLimitV2 blocking = null;
        double blockingSlots = -1;
        for (ConcurrencyLimitV2 limit : active) {
            double blockingOf = limit.slot_decay_per_second() > 0 ? slots + limit.denied_slots()
                    : (slots + limit.denied_slots()) / (double) Math.max(limit.limit(), 1);
            if (blockingOf > blockingSlots) {
                blocking = limit;
                blockingSlots = blockingOf;
            }
        }
        double average;
        if (blocking.slot_decay_per_second() == 0.0) {
            double maxWait = blocking.isTagLimit() ? tagSlotWaitSeconds : maximumSlotWaitSeconds;
            average = Math.min(Math.min(blocking.avg_slot_occupancy_seconds(), maxWait) * blockingSlots, maxWait);
        } else {
            average = blockingSlots / blocking.slot_decay_per_second();
        }
        return average <= 0 ? 0 : PoissonIntervals.clamped(average, 0.3);
    }

    /** Gives back the slots of each lease on its limits and revokes it. */
    Uni<Void> releaseAll(SqlClient tx, List<Lease> leases, boolean withOccupancy) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Lease lease : leases) {
            chain = chain.chain(() -> release(tx, lease, withOccupancy));
        }
        return chain;
    }

    /** Releases one (locked) lease; occupancy is the lease's age when asked for. */
    Uni<Void> release(SqlClient tx, Lease lease, boolean withOccupancy) {
        Double occupancy = withOccupancy
                ? Duration.between(lease.created(), OffsetDateTime.now()).toNanos() / 1e9 : null;
        return repository.lockByIds(tx, lease.workspaceId(), lease.limitIds())
                .chain(() -> repository.decrementSlots(tx, lease.workspaceId(), lease.limitIds(), lease.slots(), occupancy))
                .chain(() -> repository.deleteLease(tx, lease.workspaceId(), lease.id()));
    }

    private Uni<Void> releaseLeasesOn(SqlClient tx, UUID workspaceId, UUID limitId, UUID holderId) {
        return repository.lockLeasesOnLimits(tx, workspaceId, List.of(limitId), holderId).chain(leases -> releaseAll(tx, leases, false));
    }

    /** Deleting a tag limit revokes every lease on it (Prefect does not give other limits of those leases their slots). */
    private Uni<Void> deleteWithLeases(SqlConnection tx, UUID workspaceId, Optional<ConcurrencyLimitV2> found) {
        if (found.isEmpty()) {
            throw PrefectHttpException.notFound(V1_NOT_FOUND);
        }
        UUID id = found.get().id();
        return repository.lockLeasesOnLimits(tx, workspaceId, List.of(id), null).chain(leases -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Lease lease : leases) {
                chain = chain.chain(() -> repository.deleteLease(tx, workspaceId, lease.id()));
            }
            return chain;
        }).chain(() -> repository.delete(tx, workspaceId, id)).chain(() -> event(tx, workspaceId, "deleted", found.get()));
    }

    private Uni<ConcurrencyLimitV2> find(SqlClient c, UUID workspaceId, String idOrName) {
        UUID id = Uuids.parseLenient(idOrName);
        return repository.find(c, workspaceId, id, id == null ? idOrName : null).map(found -> found.orElseThrow(
                () -> PrefectHttpException.notFound(V2_NOT_FOUND)));
    }

    private Uni<ConcurrencyLimit> tagLimitOr404(SqlClient c, UUID workspaceId, Optional<ConcurrencyLimitV2> found) {
        if (found.isEmpty() || !found.get().isTagLimit()) {
            throw PrefectHttpException.notFound(V1_NOT_FOUND);
        }
        return v1Views(c, workspaceId, List.of(found.get())).map(views -> views.get(0));
    }

    private Uni<List<ConcurrencyLimit>> v1Views(SqlClient c, UUID workspaceId, List<ConcurrencyLimitV2> limits) {
        return repository.taskRunHolders(c, workspaceId, ids(limits)).map(holders -> limits.stream()
                .map(limit -> new ConcurrencyLimit(limit.id(), limit.created(), limit.updated(), tagOf(limit), limit.limit(),
                        List.copyOf(new LinkedHashSet<>(holders.get(limit.id())))))
                .toList());
    }

    static boolean hasRoom(ConcurrencyLimitV2 limit, int slots) {
        return (long) limit.active_slots() + slots <= limit.limit();
    }

    static GlobalConcurrencyLimitResponse global(ConcurrencyLimitV2 limit) {
        return new GlobalConcurrencyLimitResponse(limit.id(), limit.created(), limit.updated(), limit.active(), limit.name(),
                limit.limit(), limit.active_slots(), limit.slot_decay_per_second());
    }

    static List<UUID> ids(List<ConcurrencyLimitV2> limits) {
        return limits.stream().map(ConcurrencyLimitV2::id).toList();
    }

    static List<UUID> activeIds(List<ConcurrencyLimitV2> limits) {
        return limits.stream().filter(ConcurrencyLimitV2::active).map(ConcurrencyLimitV2::id).toList();
    }

    static List<MinimalConcurrencyLimitResponse> minimal(List<ConcurrencyLimitV2> limits, boolean asTag) {
        return limits.stream().map(limit -> new MinimalConcurrencyLimitResponse(limit.id(),
                asTag ? tagOf(limit) : limit.name(), limit.limit())).toList();
    }

    static List<String> tagNames(List<String> tags) {
        List<String> names = new ArrayList<>(tags.size());
        for (String tag : new LinkedHashSet<>(tags)) {
            names.add(TAG_PREFIX + tag);
        }
        return names;
    }

    /** The limits of {@code names} (optionally only active ones) in the order of {@code names}. */
    static List<ConcurrencyLimitV2> inNameOrder(List<String> names, List<ConcurrencyLimitV2> limits, boolean activeOnly) {
        List<ConcurrencyLimitV2> out = new ArrayList<>();
        for (String name : names) {
            for (ConcurrencyLimitV2 limit : limits) {
                if (limit.name().equals(name) && (!activeOnly || limit.active())) {
                    out.add(limit);
                }
            }
        }
        return out;
    }

    static String tagOf(ConcurrencyLimitV2 limit) {
        return limit.name().startsWith(TAG_PREFIX) ? limit.name().substring(TAG_PREFIX.length()) : limit.name();
    }

    static String deadlock(String name) {
        return "The concurrency limit on tag \"" + name.substring(TAG_PREFIX.length())
                + "\" is 0 and will deadlock if the task tries to run again.";
    }

    /** Seconds as Python prints a float ({@code 10.0}, {@code 7.25}). */
    static String seconds(double value) {
        return Double.toString(value);
    }
}
