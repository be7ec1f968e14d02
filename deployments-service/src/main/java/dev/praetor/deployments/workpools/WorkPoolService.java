package dev.praetor.deployments.workpools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.deployments.clients.FlowRunQueries;
import dev.praetor.deployments.clients.RunsClient;
import dev.praetor.deployments.db.ColumnUpdates;
import dev.praetor.deployments.deployments.DeploymentRepository;
import dev.praetor.deployments.workqueues.WorkQueueRepository;
import dev.praetor.deployments.workqueues.WorkQueueResponse;
import dev.praetor.deployments.workqueues.WorkQueueRepository.StoredQueue;
import dev.praetor.deployments.workqueues.WorkQueueSnapshots;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.Paging;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The rules of {@code /work_pools} (work-pools.md §2): one transaction per change. */
@ApplicationScoped
public class WorkPoolService {
    /** Pools of this type hold agent-era queues; Prefect gives them no status. */
    public static final String AGENT_POOL_TYPE = "prefect-agent";
    /** The pool that holds queues created without one (legacy routes, deployments naming only a queue). */
    public static final String AGENT_POOL_NAME = "default-agent-pool";
    /** The name of the queue every pool is created with. */
    public static final String DEFAULT_QUEUE = "default";
    static final String PAUSED = "PAUSED";
    static final String READY = "READY";
    static final String NOT_READY = "NOT_READY";
    /** Runs in these states hold a slot of a pool's or a pool queue's concurrency limit. */
    static final String[] SLOT_STATES = {"PENDING", "RUNNING"};

    @Inject
    WorkPoolRepository pools;

    @Inject
    WorkQueueRepository queues;

    @Inject
    WorkQueueSnapshots queueSnapshots;

    @Inject
    DeploymentRepository deployments;

    @Inject
    RunsClient runs;

    public static String notFound(String name) {
        return "Work pool \"" + name + "\" not found.";
    }

    public static String queueNotFound(String pool, String queue) {
        return "Work pool queue '" + pool + "/" + queue + "' not found.";
    }

    public Uni<WorkPoolResponse> create(UUID workspaceId, WorkPoolCreate create) {
        if (isReserved(create.name())) {
            return Uni.createFrom().failure(new PrefectHttpException(403,
                    "Work pools starting with 'Prefect' are reserved for internal use."));
        }
        return pools.pool().withTransaction(tx -> insert(tx, workspaceId, create)).map(created -> {
            if (created == null) {
                throw PrefectHttpException.conflict("A work pool with this name already exists.");
            }
            // active_slots is 0 in the create response when a limit is set (nothing can run in a new pool yet)
            return created.concurrency_limit() == null ? created : created.withActiveSlots(0);
        });
    }

    /** Inserts a pool with its default queue and publishes the queue; null when the name is taken. */
    public Uni<WorkPoolResponse> insert(SqlConnection tx, UUID workspaceId, WorkPoolCreate create) {
        String status = create.paused() ? PAUSED : NOT_READY;
        UUID queueId = Uuids.timeOrdered();
        return pools.insert(tx, workspaceId, Uuids.timeOrdered(), queueId, create, status).call(pool -> pool == null
                ? Uni.createFrom().voidItem()
                : queues.findById(tx, workspaceId, queueId).flatMap(queue -> queueSnapshots.publish(tx, workspaceId, queue)));
    }

    public Uni<WorkPoolResponse> read(UUID workspaceId, String name) {
        return pools.findByName(pools.pool(), workspaceId, name).map(pool -> orNotFound(pool, name))
                .flatMap(pool -> withActiveSlots(workspaceId, pool));
    }

    public Uni<List<WorkPoolResponse>> filter(UUID workspaceId, WorkPoolReadRequest request) {
        return pools.filter(workspaceId, request.work_pools(), Paging.limit(request.limit()),
                Paging.offset(request.offset())).flatMap(found -> {
                    if (found.stream().noneMatch(pool -> pool.concurrency_limit() != null)) {
                        return Uni.createFrom().item(found);
                    }
                    List<Uni<WorkPoolResponse>> each = found.stream().map(pool -> withActiveSlots(workspaceId, pool)).toList();
                    return Uni.join().all(each).andFailFast();
                });
    }

    public Uni<Long> count(UUID workspaceId, WorkPoolReadRequest request) {
        return pools.count(workspaceId, request.work_pools());
    }

    public Uni<Void> update(UUID workspaceId, String name, WorkPoolUpdate update) {
        return pools.pool().withTransaction(tx -> pools.lockByName(tx, workspaceId, name).flatMap(pool -> {
            orNotFound(pool, name);
            if (isReserved(name) && update.changesMoreThanPauseOrLimit()) {
                throw new PrefectHttpException(403, "Work pools starting with 'Prefect' are reserved for internal use "
                        + "and can only be updated to set concurrency limits or pause.");
            }
            SqlParams params = new SqlParams();
            ColumnUpdates columns = new ColumnUpdates(params);
            if (update.has("description")) {
                columns.set("description", update.description());
            }
            if (update.has("base_job_template") && update.baseJobTemplate() != null) {
                columns.setJson("base_job_template", update.baseJobTemplate());
            }
            if (update.has("concurrency_limit")) {
                columns.set("concurrency_limit", update.concurrencyLimit());
            }
            if (update.has("storage_configuration") && update.storageConfiguration() != null) {
                columns.setJson("storage_configuration", update.storageConfiguration());
            }
            Uni<String> status = Uni.createFrom().nullItem();
            if (update.isPaused() != null) {
                columns.set("is_paused", update.isPaused());
                status = update.isPaused() ? Uni.createFrom().item(PAUSED)
                        : pools.hasOnlineWorker(tx, workspaceId, pool.id()).map(online -> online ? READY : NOT_READY);
            }
            return status.flatMap(newStatus -> {
                if (newStatus != null && !newStatus.equals(pool.status())) {
                    columns.set("status", newStatus).setSql("last_transitioned_status_at", "now()");
                }
                return columns.isEmpty() ? Uni.createFrom().voidItem()
                        : pools.update(tx, workspaceId, pool.id(), columns, params);
            });
        }));
    }

    public Uni<Void> delete(UUID workspaceId, String name) {
        if (isReserved(name)) {
            return Uni.createFrom().failure(new PrefectHttpException(403,
                    "Work pools starting with 'Prefect' are reserved for internal use and can not be deleted."));
        }
        return pools.pool().withTransaction(tx -> pools.lockByName(tx, workspaceId, name).flatMap(pool -> {
            orNotFound(pool, name);
            return pools.lockQueues(tx, workspaceId, pool.id()).flatMap(gone -> pools.delete(tx, workspaceId, pool.id())
                    .call(() -> {
                        Uni<Void> tombstones = Uni.createFrom().voidItem();
                        for (WorkPoolRepository.QueueVersion queue : gone) {
                            tombstones = tombstones.call(() -> queueSnapshots.tombstone(tx, workspaceId, queue.id(),
                                    queue.version()));
                        }
                        return tombstones;
                    }));
        }));
    }

    /**
     * Worker polling (work-pools.md §2.2): scheduled runs of the pool's non-paused queues, asked of runs-service queue
     * by queue in priority order, within the queues' and the pool's concurrency limits. The considered queues and
     * their deployments are marked as polled.
     */
    public Uni<List<WorkerFlowRunResponse>> scheduledFlowRuns(UUID workspaceId, String poolName,
            WorkerScheduledRunsRequest request) {
        int limit = Paging.limit(request.limit());
        return pools.findByName(pools.pool(), workspaceId, poolName).map(pool -> orNotFound(pool, poolName))
                .flatMap(pool -> consideredQueues(workspaceId, pool, request.work_queue_names())
                        .call(considered -> markPolled(workspaceId, considered))
                        .flatMap(considered -> {
                            if (pool.is_paused()) {
                                return Uni.createFrom().item(List.<WorkerFlowRunResponse>of());
                            }
                            List<StoredQueue> open = considered.stream().filter(q -> !q.queue().is_paused()).toList();
                            return remainingSlots(workspaceId, pool.concurrency_limit(),
                                    considered.stream().map(q -> q.queue().id()).toList())
                                    .flatMap(poolSlots -> collect(workspaceId, pool, open, request,
                                            Math.min(limit, poolSlots), new ArrayList<>(), 0));
                        }));
    }

    private Uni<List<WorkerFlowRunResponse>> collect(UUID workspaceId, WorkPoolResponse pool,
            List<StoredQueue> open, WorkerScheduledRunsRequest request, int wanted,
            List<WorkerFlowRunResponse> found, int index) {
        if (index >= open.size() || found.size() >= wanted) {
            return Uni.createFrom().item(found);
        }
        WorkQueueResponse queue = open.get(index).queue();
        Integer queueLimit = queue.concurrency_limit();
        Uni<Integer> queueSlots = queueLimit == null ? Uni.createFrom().item(Integer.MAX_VALUE)
                : remainingSlots(workspaceId, queueLimit, List.of(queue.id()));
        return queueSlots.flatMap(slots -> {
            int take = Math.min(slots, wanted - found.size());
            if (take <= 0) {
                return collect(workspaceId, pool, open, request, wanted, found, index + 1);
            }
            FlowRunQueries query = FlowRunQueries.runs().workQueues(List.of(queue.id())).stateTypes("SCHEDULED")
                    .scheduledBetween(request.scheduled_after(), request.scheduled_before())
                    .sortByNextScheduledStartTime().page(Math.min(take, Paging.MAX_LIMIT), 0);
            return runs.filterFlowRuns(workspaceId, query.body()).flatMap(scheduled -> {
                for (JsonNode run : scheduled) {
                    // runs retrying inside their own process are not handed to workers
                    if (!"in_process".equals(run.path("empirical_policy").path("retry_type").asText(null))
                            && found.size() < wanted) {
                        found.add(new WorkerFlowRunResponse(pool.id(), queue.id(), run));
                    }
                }
                return collect(workspaceId, pool, open, request, wanted, found, index + 1);
            });
        });
    }

    private Uni<List<StoredQueue>> consideredQueues(UUID workspaceId, WorkPoolResponse pool, List<String> names) {
        if (names == null || names.isEmpty()) {
            return queues.filterInPool(pools.pool(), workspaceId, pool.id(), null, Integer.MAX_VALUE, 0);
        }
        List<Uni<StoredQueue>> each = names.stream().map(name -> queues.findInPool(pools.pool(), workspaceId, pool.id(), name)
                .map(queue -> {
                    if (queue == null) {
                        throw PrefectHttpException.notFound(queueNotFound(pool.name(), name));
                    }
                    return queue;
                })).toList();
        return Uni.join().all(each).andFailFast().map(found -> found.stream()
                .sorted((a, b) -> Integer.compare(a.queue().priority(), b.queue().priority())).toList());
    }

    private Uni<Void> markPolled(UUID workspaceId, List<StoredQueue> considered) {
        List<UUID> ids = considered.stream().map(q -> q.queue().id()).toList();
        return pools.pool().withTransaction(tx -> queues.markPolled(tx, workspaceId, ids)
                .call(() -> deployments.markPolledByQueues(tx, workspaceId, ids)));
    }

    /** Slots left under {@code limit} given the runs holding one in these queues; unbounded when there is no limit. */
    Uni<Integer> remainingSlots(UUID workspaceId, Integer limit, List<UUID> queueIds) {
        if (limit == null) {
            return Uni.createFrom().item(Integer.MAX_VALUE);
        }
        if (queueIds.isEmpty()) {
            return Uni.createFrom().item(limit);
        }
        return activeSlots(workspaceId, queueIds).map(active -> (int) Math.max(0, limit - active));
    }

    /** Runs holding a slot (PENDING or RUNNING) in these queues, asked of runs-service. */
    public Uni<Long> activeSlots(UUID workspaceId, List<UUID> queueIds) {
        return runs.countFlowRuns(workspaceId, FlowRunQueries.runs().workQueues(queueIds).stateTypes(SLOT_STATES).body());
    }

    private Uni<WorkPoolResponse> withActiveSlots(UUID workspaceId, WorkPoolResponse pool) {
        if (pool.concurrency_limit() == null) {
            return Uni.createFrom().item(pool);
        }
        return queues.filterInPool(pools.pool(), workspaceId, pool.id(), null, Integer.MAX_VALUE, 0)
                .flatMap(poolQueues -> activeSlots(workspaceId, poolQueues.stream().map(q -> q.queue().id()).toList()))
                .map(active -> pool.withActiveSlots(active.intValue()));
    }

    static boolean isReserved(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).startsWith("prefect");
    }

    static WorkPoolResponse orNotFound(WorkPoolResponse pool, String name) {
        if (pool == null) {
            throw PrefectHttpException.notFound(notFound(name));
        }
        return pool;
    }
}
