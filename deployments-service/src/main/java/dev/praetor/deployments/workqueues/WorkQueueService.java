package dev.praetor.deployments.workqueues;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.deployments.clients.FlowRunQueries;
import dev.praetor.deployments.clients.RunsClient;
import dev.praetor.deployments.db.ColumnUpdates;
import dev.praetor.deployments.deployments.DeploymentRepository;
import dev.praetor.deployments.workpools.WorkPoolCreate;
import dev.praetor.deployments.workpools.WorkPoolRepository;
import dev.praetor.deployments.workpools.WorkPoolResponse;
import dev.praetor.deployments.workpools.WorkPoolService;
import dev.praetor.deployments.workqueues.WorkQueueRepository.Priority;
import dev.praetor.deployments.workqueues.WorkQueueRepository.StoredQueue;
import dev.praetor.rest.errors.ObjectNotFoundException;
import dev.praetor.rest.errors.PrefectErrorMappers;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.Paging;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The rules of work queues, for the pool-scoped routes ({@code /work_pools/{pool}/queues}), the legacy
 * {@code /work_queues} routes and the queue resolution of deployments (work-pools.md §3, §4, §8).
 */
@ApplicationScoped
public class WorkQueueService {
    static final String PAUSED = "PAUSED";
    static final String READY = "READY";
    static final String NOT_READY = "NOT_READY";
    /** A queue polled this recently counts as ready when it is unpaused (work-pools.md §3.1). */
    static final Duration RECENT_POLL = Duration.ofSeconds(60);
    static final String LEGACY_NOT_FOUND = "work queue not found";
    /** Runs in these states hold a slot of a queue's limit on the legacy routes (pool routes: PENDING, RUNNING). */
    static final String[] LEGACY_SLOT_STATES = {"PENDING", "RUNNING", "CANCELLING"};

    @Inject
    WorkQueueRepository queues;

    @Inject
    WorkPoolRepository pools;

    @Inject
    WorkPoolService workPools;

    @Inject
    WorkQueueSnapshots snapshots;

    @Inject
    DeploymentRepository deployments;

    @Inject
    RunsClient runs;

    // ---- pool-scoped routes

    public Uni<WorkQueueResponse> createInPool(UUID workspaceId, String poolName, WorkQueueCreate create) {
        return queues.pool().withTransaction(tx -> pools.findByName(tx, workspaceId, poolName).flatMap(pool -> {
            if (pool == null) {
                throw PrefectHttpException.notFound(WorkPoolService.notFound(poolName));
            }
            return queues.findInPool(tx, workspaceId, pool.id(), create.name()).flatMap(existing -> {
                if (existing != null) {
                    // the braces are literal: Prefect's message forgot to interpolate the pool name
                    throw PrefectHttpException.conflict(
                            "A work queue with this name already exists in work pool {work_pool_name!r}.");
                }
                return create(tx, workspaceId, pool.id(), create);
            });
        })).map(stored -> withZeroSlots(stored.queue()));
    }

    public Uni<WorkQueueResponse> readInPool(UUID workspaceId, String poolName, String name) {
        return pools.findByName(pools.pool(), workspaceId, poolName)
                .flatMap(pool -> pool == null ? Uni.createFrom().<StoredQueue>nullItem()
                        : queues.findInPool(queues.pool(), workspaceId, pool.id(), name))
                .flatMap(stored -> {
                    if (stored == null) {
                        throw PrefectHttpException.notFound(WorkPoolService.queueNotFound(poolName, name));
                    }
                    return withActiveSlots(workspaceId, stored.queue(), false);
                });
    }

    public Uni<List<WorkQueueResponse>> filterInPool(UUID workspaceId, String poolName, WorkQueueReadRequest request) {
        int limit = Paging.limit(request.limit());
        int offset = Paging.offset(request.offset());
        return requirePool(workspaceId, poolName)
                .flatMap(pool -> queues.filterInPool(queues.pool(), workspaceId, pool.id(), request.work_queues(), limit, offset))
                .flatMap(found -> withActiveSlots(workspaceId, found, false));
    }

    public Uni<Void> updateInPool(UUID workspaceId, String poolName, String name, WorkQueueUpdate update) {
        return queues.pool().withTransaction(tx -> pools.findByName(tx, workspaceId, poolName).flatMap(pool -> {
            if (pool == null) {
                throw PrefectHttpException.notFound(WorkPoolService.notFound(poolName));
            }
            return queues.findInPool(tx, workspaceId, pool.id(), name).flatMap(stored -> {
                if (stored == null) {
                    throw PrefectHttpException.notFound(WorkPoolService.queueNotFound(poolName, name));
                }
                return apply(tx, workspaceId, stored, update);
            });
        }));
    }

    public Uni<Void> deleteInPool(UUID workspaceId, String poolName, String name) {
        return queues.pool().withTransaction(tx -> pools.lockByName(tx, workspaceId, poolName).flatMap(pool -> {
            if (pool == null) {
                throw PrefectHttpException.notFound(WorkPoolService.notFound(poolName));
            }
            return queues.findInPool(tx, workspaceId, pool.id(), name).flatMap(stored -> {
                if (stored == null) {
                    throw PrefectHttpException.notFound(WorkPoolService.queueNotFound(poolName, name));
                }
                if (stored.queue().id().equals(pool.default_queue_id())) {
                    // Prefect fails with a 500 here; the pool must keep its default queue
                    throw PrefectHttpException.conflict("Can't delete a pool's default queue.");
                }
                return delete(tx, workspaceId, stored.queue().id());
            });
        }));
    }

    // ---- legacy /work_queues routes

    public Uni<WorkQueueResponse> createLegacy(UUID workspaceId, WorkQueueCreate create) {
        return queues.pool().withTransaction(tx -> pools.findByName(tx, workspaceId, WorkPoolService.AGENT_POOL_NAME)
                .flatMap(existingPool -> {
                    if (existingPool != null) {
                        return queues.findInPool(tx, workspaceId, existingPool.id(), create.name()).flatMap(existing -> {
                            if (existing != null) {
                                throw PrefectHttpException.conflict("A work queue with this name already exists.");
                            }
                            return create(tx, workspaceId, existingPool.id(), create);
                        });
                    }
                    return ensureAgentPool(tx, workspaceId).flatMap(pool -> WorkPoolService.DEFAULT_QUEUE.equals(create.name())
                            ? queues.findById(tx, workspaceId, pool.default_queue_id())
                            : create(tx, workspaceId, pool.id(), create));
                })).map(stored -> withZeroSlots(stored.queue()));
    }

    public Uni<WorkQueueResponse> readLegacy(UUID workspaceId, UUID id) {
        return queues.findById(queues.pool(), workspaceId, id).flatMap(stored -> {
            if (stored == null) {
                throw PrefectHttpException.notFound(LEGACY_NOT_FOUND);
            }
            return withActiveSlots(workspaceId, stored.queue(), true);
        });
    }

    public Uni<WorkQueueResponse> readLegacyByName(UUID workspaceId, String name) {
        return legacyByName(workspaceId, name).flatMap(stored -> {
            if (stored == null) {
                throw PrefectHttpException.notFound(LEGACY_NOT_FOUND);
            }
            return withActiveSlots(workspaceId, stored.queue(), true);
        });
    }

    public Uni<List<WorkQueueResponse>> filterLegacy(UUID workspaceId, WorkQueueReadRequest request) {
        return queues.filterAll(workspaceId, request.work_queues(), Paging.limit(request.limit()),
                Paging.offset(request.offset())).flatMap(found -> withActiveSlots(workspaceId, found, true));
    }

    public Uni<Void> updateLegacy(UUID workspaceId, UUID id, WorkQueueUpdate update) {
        return queues.pool().withTransaction(tx -> queues.findById(tx, workspaceId, id).flatMap(stored -> {
            if (stored == null) {
                throw PrefectHttpException.notFound("Work Queue " + id + " not found");
            }
            return apply(tx, workspaceId, stored, update);
        }));
    }

    public Uni<Void> deleteLegacy(UUID workspaceId, UUID id) {
        return queues.pool().withTransaction(tx -> queues.findById(tx, workspaceId, id).flatMap(stored -> {
            if (stored == null) {
                throw PrefectHttpException.notFound(LEGACY_NOT_FOUND);
            }
            return pools.findByName(tx, workspaceId, stored.queue().work_pool_name()).flatMap(pool -> {
                if (pool != null && id.equals(pool.default_queue_id())) {
                    // Prefect's foreign key refuses it with its integrity body
                    throw PrefectHttpException.conflict(PrefectErrorMappers.INTEGRITY_CONFLICT);
                }
                return delete(tx, workspaceId, id);
            });
        }));
    }

    /**
     * Agent-era polling (work-pools.md §8): scheduled runs whose {@code work_queue_name} is the queue's name (Prefect
     * joins by name), or, for a queue with a legacy tag filter, runs with its tags and deployments. Unless the UI
     * peeks ({@code X-Prefect-UI: true}), the queue and its deployments are marked as polled.
     */
    public Uni<List<JsonNode>> runsOfLegacyQueue(UUID workspaceId, UUID id, WorkQueueRunsRequest request, boolean uiPeek) {
        int limit = Paging.limit(request.limit());
        return queues.findById(queues.pool(), workspaceId, id).flatMap(stored -> {
            if (stored == null) {
                throw new ObjectNotFoundException("Work queue with id " + id + " not found.");
            }
            WorkQueueResponse queue = stored.queue();
            Uni<Void> polled = uiPeek ? Uni.createFrom().voidItem()
                    : queues.pool().withTransaction(tx -> queues.markPolled(tx, workspaceId, List.of(id))
                            .call(() -> deployments.markPolledByQueues(tx, workspaceId, List.of(id))));
            if (queue.is_paused()) {
                return polled.replaceWith(List.<JsonNode>of());
            }
            Uni<Integer> slots = queue.concurrency_limit() == null ? Uni.createFrom().item(limit)
                    : runs.countFlowRuns(workspaceId, legacySelection(queue).stateTypes(LEGACY_SLOT_STATES).body())
                            .map(active -> (int) Math.max(0, Math.min(limit, queue.concurrency_limit() - active)));
            return slots.flatMap(take -> take == 0 ? Uni.createFrom().item(List.<JsonNode>of())
                    : runs.filterFlowRuns(workspaceId, legacySelection(queue).stateTypes("SCHEDULED")
                            .scheduledBetween(null, request.scheduled_before()).sortByNextScheduledStartTime()
                            .page(take, 0).body()).map(found -> {
                                List<JsonNode> list = new ArrayList<>();
                                found.forEach(list::add);
                                return list;
                            }))
                    .call(() -> polled);
        });
    }

    /** {@code GET /work_queues/{id}/status}: healthy when no run is late and the queue was polled within 60 s. */
    public Uni<WorkQueueStatusDetail> status(UUID workspaceId, UUID id) {
        return queues.findById(queues.pool(), workspaceId, id).flatMap(stored -> {
            if (stored == null) {
                throw new ObjectNotFoundException("Work queue with id " + id + " not found");
            }
            WorkQueueResponse queue = stored.queue();
            return runs.countFlowRuns(workspaceId, FlowRunQueries.runs().workQueues(List.of(id)).stateNames("Late").body())
                    .map(late -> WorkQueueStatusDetail.of(late, queue.last_polled(), RECENT_POLL));
        });
    }

    // ---- shared by deployments

    /** The queue of that name in the pool, created (next free priority) when missing. */
    public Uni<StoredQueue> findOrCreateInPool(SqlConnection tx, UUID workspaceId, UUID poolId, String name) {
        return queues.findInPool(tx, workspaceId, poolId, name).flatMap(existing -> existing != null
                ? Uni.createFrom().item(existing) : create(tx, workspaceId, poolId, WorkQueueCreate.named(name)));
    }

    /**
     * A queue named without a pool (deployments.md §2.2): the queue of that name in {@code default-agent-pool}, or,
     * while that pool does not exist, a queue of that name in any pool; else the agent pool is created if needed and
     * the queue in it with priority 1 ({@code default} is the pool's default queue).
     */
    public Uni<StoredQueue> resolveWithoutPool(SqlConnection tx, UUID workspaceId, String name) {
        return pools.findByName(tx, workspaceId, WorkPoolService.AGENT_POOL_NAME).flatMap(agentPool -> {
            Uni<StoredQueue> existing = agentPool != null ? queues.findInPool(tx, workspaceId, agentPool.id(), name)
                    : queues.findAnyByName(tx, workspaceId, name);
            return existing.flatMap(found -> found != null ? Uni.createFrom().item(found)
                    : ensureAgentPool(tx, workspaceId).flatMap(pool -> WorkPoolService.DEFAULT_QUEUE.equals(name)
                            ? queues.findById(tx, workspaceId, pool.default_queue_id())
                            : create(tx, workspaceId, pool.id(), new WorkQueueCreate(name, null, null, null, 1, null))));
        });
    }

    public Uni<StoredQueue> findById(SqlConnection tx, UUID workspaceId, UUID id) {
        return queues.findById(tx, workspaceId, id);
    }

    // ---- internals

    /** Inserts a queue into the pool, placing it in the priority order, and publishes every queue it changes. */
    Uni<StoredQueue> create(SqlConnection tx, UUID workspaceId, UUID poolId, WorkQueueCreate create) {
        UUID id = Uuids.timeOrdered();
        return queues.lockPriorities(tx, workspaceId, poolId).flatMap(priorities -> {
            int priority = create.priority() == null ? QueuePriorities.next(priorities) : create.priority();
            return queues.insert(tx, workspaceId, id, poolId, create, priority).flatMap(inserted -> {
                if (create.priority() == null) {
                    return snapshots.publish(tx, workspaceId, inserted).replaceWith(inserted);
                }
                List<Priority> all = new ArrayList<>(priorities);
                all.add(new Priority(id, priority));
                return setPriorities(tx, workspaceId, QueuePriorities.assign(all, id, priority), id)
                        .flatMap(shifted -> snapshots.publishAll(tx, workspaceId, prepend(inserted, shifted)))
                        .replaceWith(inserted);
            });
        });
    }

    private Uni<Void> apply(SqlConnection tx, UUID workspaceId, StoredQueue stored, WorkQueueUpdate update) {
        WorkQueueResponse queue = stored.queue();
        SqlParams params = new SqlParams();
        ColumnUpdates columns = new ColumnUpdates(params);
        if (update.has("name") && update.name() != null) {
            columns.set("name", update.name());
        }
        if (update.has("description")) {
            columns.set("description", update.description() == null ? "" : update.description());
        }
        if (update.has("concurrency_limit")) {
            columns.set("concurrency_limit", update.concurrencyLimit());
        }
        if (update.has("last_polled")) {
            columns.set("last_polled", update.lastPolled());
        }
        if (update.has("filter")) {
            columns.setJson("filter", update.filter());
        }
        if (update.isPaused() != null) {
            columns.set("is_paused", update.isPaused());
            if (update.isPaused() && !PAUSED.equals(queue.status())) {
                columns.set("status", PAUSED);
            } else if (!update.isPaused() && PAUSED.equals(queue.status())) {
                OffsetDateTime lastPolled = update.has("last_polled") ? update.lastPolled() : queue.last_polled();
                boolean recent = lastPolled != null
                        && lastPolled.isAfter(OffsetDateTime.now().minus(RECENT_POLL));
                columns.set("status", recent ? READY : NOT_READY);
            }
        }
        Uni<StoredQueue> updated = columns.isEmpty() ? Uni.createFrom().item(stored)
                : queues.update(tx, workspaceId, queue.id(), columns, params);
        if (update.priority() == null) {
            return columns.isEmpty() ? Uni.createFrom().voidItem()
                    : updated.flatMap(changed -> snapshots.publish(tx, workspaceId, changed));
        }
        int wanted = update.priority();
        return updated.flatMap(changed -> queues.lockPriorities(tx, workspaceId, queue.work_pool_id())
                .flatMap(priorities -> setPriorities(tx, workspaceId, QueuePriorities.assign(priorities, queue.id(), wanted), null))
                .flatMap(shifted -> {
                    // the latest version of the queue itself is in `shifted` when its priority changed
                    boolean targetShifted = shifted.stream().anyMatch(q -> q.queue().id().equals(queue.id()));
                    List<StoredQueue> changedQueues = targetShifted || columns.isEmpty() ? shifted : prepend(changed, shifted);
                    return snapshots.publishAll(tx, workspaceId, changedQueues);
                }));
    }

    /** Writes new priorities; returns the changed queues, except {@code skip} (published by the caller). */
    private Uni<List<StoredQueue>> setPriorities(SqlConnection tx, UUID workspaceId, Map<UUID, Integer> changes, UUID skip) {
        Uni<List<StoredQueue>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Map.Entry<UUID, Integer> change : changes.entrySet()) {
            chain = chain.flatMap(done -> {
                SqlParams params = new SqlParams();
                ColumnUpdates columns = new ColumnUpdates(params).set("priority", change.getValue());
                return queues.update(tx, workspaceId, change.getKey(), columns, params).map(updated -> {
                    if (!change.getKey().equals(skip)) {
                        done.add(updated);
                    }
                    return done;
                });
            });
        }
        return chain;
    }

    private Uni<Void> delete(SqlConnection tx, UUID workspaceId, UUID id) {
        return queues.delete(tx, workspaceId, id).flatMap(version -> snapshots.tombstone(tx, workspaceId, id, version));
    }

    private Uni<WorkPoolResponse> requirePool(UUID workspaceId, String poolName) {
        return pools.findByName(pools.pool(), workspaceId, poolName).map(pool -> {
            if (pool == null) {
                throw PrefectHttpException.notFound(WorkPoolService.notFound(poolName));
            }
            return pool;
        });
    }

    /** {@code default-agent-pool}, created (type {@code prefect-agent}, with its default queue) when missing. */
    private Uni<WorkPoolResponse> ensureAgentPool(SqlConnection tx, UUID workspaceId) {
        return pools.findByName(tx, workspaceId, WorkPoolService.AGENT_POOL_NAME).flatMap(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : workPools.insert(tx, workspaceId, new WorkPoolCreate(WorkPoolService.AGENT_POOL_NAME, null,
                        WorkPoolService.AGENT_POOL_TYPE, null, false, null, null)).flatMap(created -> created != null
                                ? Uni.createFrom().item(created)
                                : pools.findByName(tx, workspaceId, WorkPoolService.AGENT_POOL_NAME)));
    }

    private Uni<StoredQueue> legacyByName(UUID workspaceId, String name) {
        return pools.findByName(pools.pool(), workspaceId, WorkPoolService.AGENT_POOL_NAME).flatMap(agentPool -> agentPool != null
                ? queues.findInPool(queues.pool(), workspaceId, agentPool.id(), name)
                : queues.findAnyByName(queues.pool(), workspaceId, name));
    }

    private static FlowRunQueries legacySelection(WorkQueueResponse queue) {
        QueueFilter filter = queue.filter();
        if (filter == null) {
            return FlowRunQueries.runs().workQueueNames(List.of(queue.name()));
        }
        FlowRunQueries query = FlowRunQueries.runs();
        if (filter.tags() != null && !filter.tags().isEmpty()) {
            query.tagsAll(filter.tags());
        }
        if (filter.deployment_ids() != null && !filter.deployment_ids().isEmpty()) {
            query.deployments(filter.deployment_ids());
        }
        return query;
    }

    private Uni<WorkQueueResponse> withActiveSlots(UUID workspaceId, WorkQueueResponse queue, boolean legacy) {
        if (queue.concurrency_limit() == null) {
            return Uni.createFrom().item(queue);
        }
        FlowRunQueries query = legacy ? legacySelection(queue).stateTypes(LEGACY_SLOT_STATES)
                : FlowRunQueries.runs().workQueues(List.of(queue.id())).stateTypes("PENDING", "RUNNING");
        return runs.countFlowRuns(workspaceId, query.body()).map(active -> queue.withActiveSlots(active.intValue()));
    }

    private Uni<List<WorkQueueResponse>> withActiveSlots(UUID workspaceId, List<StoredQueue> found, boolean legacy) {
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.join().all(found.stream().map(stored -> withActiveSlots(workspaceId, stored.queue(), legacy)).toList())
                .andFailFast();
    }

    private static WorkQueueResponse withZeroSlots(WorkQueueResponse queue) {
        return queue.concurrency_limit() == null ? queue : queue.withActiveSlots(0);
    }

    private static List<StoredQueue> prepend(StoredQueue first, List<StoredQueue> rest) {
        List<StoredQueue> all = new ArrayList<>();
        all.add(first);
        rest.forEach(queue -> {
            if (!queue.queue().id().equals(first.queue().id())) {
                all.add(queue);
            }
        });
        return all;
    }
}
