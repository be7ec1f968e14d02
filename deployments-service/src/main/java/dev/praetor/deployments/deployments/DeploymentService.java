package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.deployments.clients.FlowRunQueries;
import dev.praetor.deployments.clients.FlowsClient;
import dev.praetor.deployments.clients.FlowsClient.FlowInfo;
import dev.praetor.deployments.clients.UpstreamResponseException;
import dev.praetor.deployments.clients.RunsClient;
import dev.praetor.deployments.clients.RunsClient.CreatedRun;
import dev.praetor.deployments.concurrency.DeploymentConcurrencyLimits;
import dev.praetor.deployments.db.ColumnUpdates;
import dev.praetor.deployments.deployments.DeploymentRepository.NewSchedule;
import dev.praetor.deployments.deployments.DeploymentRepository.StoredDeployment;
import dev.praetor.deployments.scheduler.DeploymentScheduler;
import dev.praetor.deployments.scheduler.RunPlan;
import dev.praetor.deployments.scheduler.ScheduledRunCleaner;
import dev.praetor.deployments.scheduler.ScheduledRunFactory;
import dev.praetor.deployments.scheduler.ScheduledRunFactory.ScheduleRef;
import dev.praetor.deployments.schedules.Schedule;
import dev.praetor.deployments.schedules.Schedules;
import dev.praetor.deployments.workpools.WorkPoolRepository;
import dev.praetor.deployments.workpools.WorkPoolService;
import dev.praetor.deployments.workqueues.WorkQueueRepository.StoredQueue;
import dev.praetor.deployments.workqueues.WorkQueueService;
import dev.praetor.rest.errors.PrefectErrorMappers;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.filter.SqlParams;
import dev.praetor.rest.json.PrefectDateTimes;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.PageResponse;
import dev.praetor.rest.paging.Paging;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of {@code /deployments} (deployments.md §2, §3): one transaction per change, whose deployment snapshot
 * goes to the outbox with it. Flow runs live in runs-service: creating them, and deleting the scheduled runs a
 * change makes obsolete, are commands over HTTP.
 */
@ApplicationScoped
public class DeploymentService {
    static final String NOT_FOUND = "Deployment not found";
    /** Some routes add a dot (PATCH, the schedule routes), as Prefect does. */
    static final String NOT_FOUND_DOT = "Deployment not found.";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** At most this many runs per {@code create_flow_run/bulk} request. */
    static final int MAX_BULK_RUNS = 100;
    /** Prefect's default parameter schema, stored when a request gives none ({@code null} or {@code {}}). */
    private static final ObjectNode DEFAULT_PARAMETER_SCHEMA = JSON.objectNode()
            .put("type", "object").set("properties", JSON.objectNode());

    @Inject
    DeploymentRepository deployments;

    @Inject
    DeploymentSnapshots snapshots;

    @Inject
    WorkPoolRepository pools;

    @Inject
    WorkQueueService queues;

    @Inject
    FlowsClient flows;

    @Inject
    RunsClient runs;

    @Inject
    ScheduledRunCleaner cleaner;

    @Inject
    ScheduledRunFactory runFactory;

    @Inject
    DeploymentScheduler scheduler;

    @Inject
    DeploymentConcurrencyLimits limits;

    /** Outcome of an upsert: whether this call created the deployment. */
    public record Upserted(boolean created, DeploymentResponse deployment) {
    }

    // ---- create (upsert), read, query

    public Uni<Upserted> createOrUpdate(UUID workspaceId, DeploymentCreate create) {
        return flows.find(workspaceId, create.flowId()).chain(flow -> {
            if (flow.isEmpty()) {
                // Prefect's foreign key to the flow
                throw PrefectHttpException.conflict(PrefectErrorMappers.INTEGRITY_CONFLICT);
            }
            return deployments.pool().withTransaction(tx -> upsert(tx, workspaceId, create, flow.get()));
        }).call(upserted -> upserted.created() ? Uni.createFrom().voidItem()
                : cleaner.tryNow(upserted.deployment().id()))
                .chain(upserted -> decorate(workspaceId, upserted.deployment())
                        .map(shown -> new Upserted(upserted.created(), shown)));
    }

    private Uni<Upserted> upsert(SqlConnection tx, UUID workspaceId, DeploymentCreate create, FlowInfo flow) {
        Instant now = Instant.now();
        List<NewSchedule> schedules = new ArrayList<>();
        for (DeploymentScheduleCreate schedule : create.schedules()) {
            schedules.add(newSchedule(schedule, now));
        }
        ObjectNode labels = flow.labels().deepCopy();
        labels.put("prefect.flow.id", create.flowId().toString());
        if (create.labels() instanceof ObjectNode requested) {
            labels.setAll(requested);
        }
        return resolveQueue(tx, workspaceId, create.workPoolName(), create.workQueueName()).chain(queue -> {
            SqlParams params = new SqlParams();
            ColumnUpdates values = insertValues(create, labels, queue, params);
            UUID id = Uuids.timeOrdered();
            return deployments.insert(tx, workspaceId, id, create.flowId(), flow.name(), create.name(), values, params)
                    .chain(inserted -> inserted ? Uni.createFrom().item(new Written(id, true))
                            : deployments.lockIdByFlowAndName(tx, workspaceId, create.flowId(), create.name())
                                    .chain(existing -> {
                                        SqlParams updateParams = new SqlParams();
                                        ColumnUpdates columns = conflictValues(create, labels, flow.name(), queue,
                                                updateParams);
                                        return deployments.update(tx, workspaceId, existing, columns, updateParams)
                                                .chain(() -> deployments.requestCleanup(tx, workspaceId, existing, true,
                                                        true))
                                                .replaceWith(new Written(existing, false));
                                    }));
        }).chain(written -> deployments.deleteSchedules(tx, workspaceId, written.id())
                .chain(() -> deployments.insertSchedules(tx, workspaceId, written.id(), schedules))
                .chain(() -> applyLimits(tx, workspaceId, written.id(), create))
                .chain(() -> publish(tx, workspaceId, written.id()))
                .map(stored -> new Upserted(written.created(), stored.deployment())));
    }

    /** The row an upsert wrote, and whether it inserted it. */
    private record Written(UUID id, boolean created) {
    }

    public Uni<DeploymentResponse> read(UUID workspaceId, UUID id) {
        return deployments.find(deployments.pool(), workspaceId, id).map(stored -> orNotFound(stored, NOT_FOUND).deployment())
                .chain(found -> decorate(workspaceId, found));
    }

    public Uni<DeploymentResponse> readByName(UUID workspaceId, String flowName, String name) {
        return deployments.findByName(workspaceId, flowName, name).map(stored -> orNotFound(stored, NOT_FOUND).deployment())
                .chain(found -> decorate(workspaceId, found));
    }

    public Uni<List<DeploymentResponse>> filter(UUID workspaceId, DeploymentReadRequest request) {
        return deployments.filter(workspaceId, request, Paging.limit(request.limit()), Paging.offset(request.offset()))
                .map(DeploymentService::responses).chain(found -> decorate(workspaceId, found));
    }

    public Uni<Long> count(UUID workspaceId, DeploymentReadRequest request) {
        return deployments.count(workspaceId, request);
    }

    public Uni<PageResponse<DeploymentResponse>> paginate(UUID workspaceId, DeploymentReadRequest request) {
        return PageResponse.paginate(request.limit(), request.page(), (limit, offset) -> deployments
                        .filter(workspaceId, request, limit, offset).map(DeploymentService::responses)
                        .chain(found -> decorate(workspaceId, found)),
                count(workspaceId, request));
    }

    // ---- update

    public Uni<Void> update(UUID workspaceId, UUID id, DeploymentUpdate update) {
        return deployments.pool().withTransaction(tx -> deployments.lock(tx, workspaceId, id).chain(stored -> {
            orNotFound(stored, NOT_FOUND_DOT);
            return deployments.schedulesOf(tx, workspaceId, id).chain(existing -> {
                SchedulePlan plan = planSchedules(update.schedules(), existing, Instant.now());
                return queueForUpdate(tx, workspaceId, update).chain(queue -> {
                    SqlParams params = new SqlParams();
                    ColumnUpdates columns = updateValues(update, queue, params);
                    return deployments.update(tx, workspaceId, id, columns, params)
                            .chain(() -> deployments.requestCleanup(tx, workspaceId, id, true, true))
                            .chain(() -> plan.apply(tx, workspaceId, id))
                            .chain(() -> applyLimits(tx, workspaceId, id, update))
                            .chain(() -> deployments.scheduleNow(tx, workspaceId, id))
                            .chain(() -> publish(tx, workspaceId, id));
                });
            });
        })).chain(() -> cleaner.tryNow(id));
    }

    // ---- delete

    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return deployments.pool().withTransaction(tx -> deleteOne(tx, workspaceId, id).map(deleted -> {
            if (!deleted) {
                throw PrefectHttpException.notFound(NOT_FOUND);
            }
            return null;
        })).chain(() -> cleaner.tryNow(id));
    }

    public Uni<DeploymentBulkDeleteResponse> bulkDelete(UUID workspaceId, DeploymentBulkDeleteRequest request) {
        int limit = Paging.bulkLimit(request.limit());
        return deployments.pool().withTransaction(tx -> deployments
                .lockMatching(tx, workspaceId, DeploymentReadRequest.of(request.deployments()), limit)
                .chain(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID id : ids) {
                        chain = chain.chain(() -> deleteOne(tx, workspaceId, id).replaceWithVoid());
                    }
                    return chain.replaceWith(ids);
                }))
                .call(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID id : ids) {
                        chain = chain.chain(() -> cleaner.tryNow(id));
                    }
                    return chain;
                })
                .map(DeploymentBulkDeleteResponse::new);
    }

    /**
     * {@code DELETE /deployments/{id}} without the 404: the deletion of a deleted flow's deployments (the flow
     * cascade). False when the deployment was already gone.
     */
    public Uni<Boolean> deleteIfExists(UUID workspaceId, UUID id) {
        return deployments.pool().withTransaction(tx -> deleteOne(tx, workspaceId, id))
                .call(deleted -> deleted ? cleaner.tryNow(id) : Uni.createFrom().voidItem());
    }

    /**
     * Deletes a deployment; all its scheduled runs that never ran (manual ones too) are to be deleted, and its linked
     * concurrency limit (in runs-service, before the deletion commits: a failure there keeps the deployment).
     */
    private Uni<Boolean> deleteOne(SqlConnection tx, UUID workspaceId, UUID id) {
        return limits.deleteLinked(tx, workspaceId, id).chain(() -> deployments.delete(tx, workspaceId, id)).chain(version -> version == null ? Uni.createFrom().item(false)
                : deployments.requestCleanup(tx, workspaceId, id, false, false)
                        .chain(() -> snapshots.tombstone(tx, workspaceId, id, version)).replaceWith(true));
    }

    // ---- pause / resume

    /** Pauses; every auto-scheduled run still waiting (past and future) is to be deleted (deployments.md §3.13). */
    public Uni<Void> pause(UUID workspaceId, UUID id) {
        return setPaused(workspaceId, id, true).chain(() -> cleaner.tryNow(id));
    }

    /** Resumes; the schedules are due at once, so runs appear within one scheduler period. */
    public Uni<Void> resume(UUID workspaceId, UUID id) {
        return setPaused(workspaceId, id, false);
    }

    private Uni<Void> setPaused(UUID workspaceId, UUID id, boolean paused) {
        return deployments.pool().withTransaction(tx -> deployments.lock(tx, workspaceId, id).chain(stored -> {
            orNotFound(stored, NOT_FOUND);
            SqlParams params = new SqlParams();
            ColumnUpdates columns = new ColumnUpdates(params).set("paused", paused);
            Uni<Void> change = deployments.update(tx, workspaceId, id, columns, params);
            change = paused ? change.chain(() -> deployments.requestCleanup(tx, workspaceId, id, true, false))
                    : change.chain(() -> deployments.scheduleNow(tx, workspaceId, id));
            return change.chain(() -> publish(tx, workspaceId, id)).replaceWithVoid();
        }));
    }

    // ---- schedules sub-resource

    public Uni<List<DeploymentSchedule>> schedules(UUID workspaceId, UUID id) {
        return deployments.find(deployments.pool(), workspaceId, id)
                .map(stored -> orNotFound(stored, NOT_FOUND_DOT).deployment().schedules());
    }

    public Uni<List<DeploymentSchedule>> createSchedules(UUID workspaceId, UUID id, List<DeploymentScheduleCreate> creates) {
        Instant now = Instant.now();
        List<NewSchedule> schedules = creates.stream().map(create -> newSchedule(create, now)).toList();
        Set<String> slugs = new HashSet<>();
        for (NewSchedule schedule : schedules) {
            if (schedule.slug() != null && !slugs.add(schedule.slug())) {
                throw PrefectHttpException.conflict("Schedule slugs must be unique within a deployment.");
            }
        }
        return deployments.pool().withTransaction(tx -> deployments.lock(tx, workspaceId, id).chain(stored -> {
            orNotFound(stored, NOT_FOUND_DOT);
            Set<String> taken = new HashSet<>();
            stored.deployment().schedules().forEach(s -> taken.add(s.slug()));
            if (schedules.stream().anyMatch(s -> s.slug() != null && taken.contains(s.slug()))) {
                throw PrefectHttpException.conflict("Schedule slugs must be unique within a deployment.");
            }
            return deployments.insertSchedules(tx, workspaceId, id, schedules)
                    .chain(() -> bumpAndPublish(tx, workspaceId, id))
                    .map(published -> {
                        Set<UUID> created = new HashSet<>();
                        schedules.forEach(s -> created.add(s.id()));
                        return published.deployment().schedules().stream().filter(s -> created.contains(s.id())).toList();
                    });
        }));
    }

    public Uni<Void> updateSchedule(UUID workspaceId, UUID id, UUID scheduleId, DeploymentScheduleUpdate update) {
        return deployments.pool().withTransaction(tx -> deployments.lock(tx, workspaceId, id).chain(stored -> {
            orNotFound(stored, NOT_FOUND_DOT);
            SqlParams params = new SqlParams();
            ColumnUpdates columns = scheduleUpdateValues(update, Instant.now(), params);
            return deployments.updateSchedule(tx, workspaceId, id, scheduleId, columns, params).chain(found -> {
                if (!found) {
                    throw PrefectHttpException.notFound("Schedule not found.");
                }
                return deployments.requestCleanup(tx, workspaceId, id, true, true)
                        .chain(() -> bumpAndPublish(tx, workspaceId, id));
            });
        })).chain(() -> cleaner.tryNow(id));
    }

    public Uni<Void> deleteSchedule(UUID workspaceId, UUID id, UUID scheduleId) {
        return deployments.pool().withTransaction(tx -> deployments.lock(tx, workspaceId, id).chain(stored -> {
            orNotFound(stored, NOT_FOUND_DOT);
            return deployments.deleteSchedule(tx, workspaceId, id, scheduleId).chain(found -> {
                if (!found) {
                    throw PrefectHttpException.notFound("Schedule not found.");
                }
                return deployments.requestCleanup(tx, workspaceId, id, true, false)
                        .chain(() -> deployments.scheduleNow(tx, workspaceId, id))
                        .chain(() -> bumpAndPublish(tx, workspaceId, id));
            });
        })).chain(() -> cleaner.tryNow(id));
    }

    // ---- runs

    /**
     * {@code POST /deployments/{id}/create_flow_run} (deployments.md §3.9): the run's fields derived from the
     * deployment, created by runs-service at once.
     */
    public Uni<CreatedRun> createFlowRun(UUID workspaceId, UUID id, DeploymentFlowRunCreate body, JsonNode createdBy) {
        return deployments.find(deployments.pool(), workspaceId, id).chain(stored -> {
            orNotFound(stored, NOT_FOUND);
            return runQueue(workspaceId, stored, body.work_queue_name())
                    .chain(queue -> runs.createFlowRun(workspaceId, flowRunCreate(stored, body, queue, createdBy)));
        });
    }

    /**
     * {@code POST /deployments/{id}/create_flow_run/bulk} (deployments.md §3.10): each item as
     * {@link #createFlowRun}, its failure reported in its result instead of failing the request.
     */
    public Uni<Map<String, List<DeploymentFlowRunCreateResult>>> createFlowRuns(UUID workspaceId, UUID id,
            List<DeploymentFlowRunCreate> bodies, JsonNode createdBy) {
        if (bodies.size() > MAX_BULK_RUNS) {
            throw new PrefectHttpException(400, "Cannot create more than " + MAX_BULK_RUNS + " flow runs at once.");
        }
        return deployments.find(deployments.pool(), workspaceId, id).chain(stored -> {
            orNotFound(stored, NOT_FOUND);
            List<DeploymentFlowRunCreateResult> results = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (DeploymentFlowRunCreate body : bodies) {
                chain = chain.chain(() -> runQueue(workspaceId, stored, body.work_queue_name())
                        .chain(queue -> runs.createFlowRun(workspaceId, flowRunCreate(stored, body, queue, createdBy)))
                        .map(run -> DeploymentFlowRunCreateResult.created(UUID.fromString(run.run().get("id").asText())))
                        .onFailure().recoverWithItem(DeploymentService::failure)
                        .invoke(results::add).replaceWithVoid());
            }
            return chain.replaceWith(Map.of("results", results));
        });
    }

    /** The text of a failed item: Prefect's {@code detail} where there is one. */
    private static DeploymentFlowRunCreateResult failure(Throwable error) {
        if (error instanceof PrefectHttpException http) {
            return DeploymentFlowRunCreateResult.failed(String.valueOf(http.detail()));
        }
        if (error instanceof UpstreamResponseException upstream
                && upstream.body() != null && upstream.body().hasNonNull("detail")) {
            return DeploymentFlowRunCreateResult.failed(upstream.body().get("detail").asText());
        }
        return DeploymentFlowRunCreateResult.failed(error.getMessage());
    }

    /**
     * Runners' polling (deployments.md §3.11): SCHEDULED-type runs of these deployments due before
     * {@code scheduled_before}, soonest first; the deployments are marked as polled.
     */
    public Uni<ArrayNode> scheduledFlowRuns(UUID workspaceId, GetScheduledFlowRunsRequest request) {
        int limit = Paging.limit(request.limit());
        if (request.deployment_ids().isEmpty()) {
            return Uni.createFrom().item(JSON.arrayNode());
        }
        FlowRunQueries query = FlowRunQueries.runs().deployments(request.deployment_ids()).stateTypes("SCHEDULED")
                .scheduledBetween(null, request.scheduled_before()).sortByNextScheduledStartTime().page(limit, 0);
        return runs.filterFlowRuns(workspaceId, query.body())
                .call(() -> deployments.pool().withTransaction(tx -> deployments.markPolled(tx, workspaceId,
                        request.deployment_ids())));
    }

    /** {@code POST /deployments/{id}/schedule}: runs for every active schedule now (an unknown id does nothing). */
    public Uni<Void> scheduleRuns(UUID workspaceId, UUID id, ScheduleRunsRequest request) {
        RunPlan defaults = scheduler.plan();
        RunPlan plan = new RunPlan(request.min_runs() == null ? defaults.minRuns() : request.min_runs(),
                request.max_runs() == null ? defaults.maxRuns() : request.max_runs(),
                request.min_time() == null ? defaults.minTime() : Duration.ofMillis((long) (request.min_time() * 1000)),
                defaults.maxTime());
        Instant start = request.start_time() == null ? Instant.now() : request.start_time().toInstant();
        Instant end = request.end_time() == null ? start.plus(defaults.maxTime()) : request.end_time().toInstant();
        return deployments.find(deployments.pool(), workspaceId, id).chain(stored -> {
            if (stored == null) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (DeploymentSchedule schedule : stored.deployment().schedules()) {
                if (!schedule.active()) {
                    continue;
                }
                Schedule parsed = Schedules.fromStored(schedule.schedule());
                ScheduleRef ref = new ScheduleRef(schedule.id(), schedule.slug(), parsed, schedule.parameters());
                chain = chain.chain(() -> runFactory.create(workspaceId, stored, ref, plan.dates(parsed, start, end)));
            }
            return chain;
        });
    }

    /** {@code POST /ui/flows/count-deployments}: deployments per flow, 0 for flows without any. */
    public Uni<Map<UUID, Long>> countByFlow(UUID workspaceId, List<UUID> flowIds) {
        return deployments.countByFlow(workspaceId, flowIds).map(counts -> {
            Map<UUID, Long> all = new LinkedHashMap<>();
            flowIds.forEach(flowId -> all.put(flowId, counts.getOrDefault(flowId, 0L)));
            return all;
        });
    }

    // ---- internals: values

    private static ColumnUpdates insertValues(DeploymentCreate create, ObjectNode labels, StoredQueue queue,
            SqlParams params) {
        ColumnUpdates values = new ColumnUpdates(params);
        values.set("version", create.version()).set("description", create.description()).set("path", create.path())
                .set("entrypoint", create.entrypoint())
                .set("paused", Boolean.TRUE.equals(create.paused()))
                .set("tags", (create.tags() == null ? List.<String>of() : create.tags()).toArray(String[]::new))
                .setJson("labels", labels)
                .setJson("parameters", create.parameters() == null ? JSON.objectNode() : create.parameters())
                // omitted: {} (sic, as Prefect stores it); given as null or {}: the default schema
                .setJson("parameter_openapi_schema", create.has("parameter_openapi_schema")
                        ? parameterSchema(create.parameterOpenapiSchema()) : JSON.objectNode())
                .set("enforce_parameter_schema", create.enforceParameterSchema() == null || create.enforceParameterSchema())
                .setJson("job_variables", create.jobVariables() == null || create.jobVariables().isNull()
                        ? JSON.objectNode() : create.jobVariables())
                .setJson("pull_steps", create.has("pull_steps") ? nullIfJsonNull(create.pullSteps()) : JSON.arrayNode())
                .set("storage_document_id", create.storageDocumentId())
                .set("infrastructure_document_id", create.infrastructureDocumentId())
                .set("work_queue_name", create.workQueueName())
                .set("work_queue_id", queue == null ? null : queue.queue().id())
                .setJson("concurrency_options", create.concurrencyOptions());
        return values;
    }

    /** On conflict only the fields present in the request overwrite the stored ones (plus labels). */
    private static ColumnUpdates conflictValues(DeploymentCreate create, ObjectNode labels, String flowName,
            StoredQueue queue, SqlParams params) {
        ColumnUpdates values = commonValues(create, params);
        values.setJson("labels", labels).set("flow_name", flowName);
        if (queue != null) {
            values.set("work_queue_id", queue.queue().id());
        }
        return values;
    }

    private static ColumnUpdates updateValues(DeploymentUpdate update, Optional<StoredQueue> queue, SqlParams params) {
        ColumnUpdates values = commonValues(update, params);
        queue.ifPresent(resolved -> values.set("work_queue_id", resolved == NO_QUEUE ? null : resolved.queue().id()));
        return values;
    }

    /** The fields create-on-conflict and update write the same way, when present. */
    private static ColumnUpdates commonValues(DeploymentAction action, SqlParams params) {
        ColumnUpdates values = new ColumnUpdates(params);
        if (action.has("version")) {
            values.set("version", action.version());
        }
        if (action.has("description")) {
            values.set("description", action.description());
        }
        if (action.has("path")) {
            values.set("path", action.path());
        }
        if (action.has("entrypoint")) {
            values.set("entrypoint", action.entrypoint());
        }
        if (action.paused() != null) {
            values.set("paused", action.paused());
        }
        if (action.tags() != null) {
            values.set("tags", action.tags().toArray(String[]::new));
        }
        if (action.parameters() != null && action.parameters().isObject()) {
            values.setJson("parameters", action.parameters());
        }
        if (action.has("parameter_openapi_schema")) {
            values.setJson("parameter_openapi_schema", parameterSchema(action.parameterOpenapiSchema()));
        }
        if (action.enforceParameterSchema() != null) {
            values.set("enforce_parameter_schema", action.enforceParameterSchema());
        }
        // an empty object does not overwrite job variables (Prefect cannot clear them with {})
        if (action.jobVariables() != null && action.jobVariables().isObject() && !action.jobVariables().isEmpty()) {
            values.setJson("job_variables", action.jobVariables());
        }
        if (action.has("pull_steps")) {
            values.setJson("pull_steps", nullIfJsonNull(action.pullSteps()));
        }
        if (action.has("storage_document_id")) {
            values.set("storage_document_id", action.storageDocumentId());
        }
        if (action.has("infrastructure_document_id")) {
            values.set("infrastructure_document_id", action.infrastructureDocumentId());
        }
        if (action.has("work_queue_name")) {
            values.set("work_queue_name", action.workQueueName());
        }
        if (action.has("concurrency_options")) {
            values.setJson("concurrency_options", action.concurrencyOptions());
        }
        return values;
    }

    private static JsonNode parameterSchema(JsonNode requested) {
        return requested == null || requested.isNull() || requested.isObject() && requested.isEmpty()
                ? DEFAULT_PARAMETER_SCHEMA : requested;
    }

    private static JsonNode nullIfJsonNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    /** The concurrency fields of a create or update body (deployments.md §2.4), when present. */
    private Uni<Void> applyLimits(SqlConnection tx, UUID workspaceId, UUID id, DeploymentAction action) {
        return limits.apply(tx, workspaceId, id, action.has("global_concurrency_limit_id"),
                action.globalConcurrencyLimitId(), action.has("concurrency_limit"), action.concurrencyLimit());
    }

    /** Responses show the linked v2 limit in {@code global_concurrency_limit}. */
    private Uni<DeploymentResponse> decorate(UUID workspaceId, DeploymentResponse deployment) {
        return decorate(workspaceId, List.of(deployment)).map(shown -> shown.get(0));
    }

    private Uni<List<DeploymentResponse>> decorate(UUID workspaceId, List<DeploymentResponse> found) {
        return limits.decorate(workspaceId, found, DeploymentResponse::id, DeploymentResponse::withGlobalConcurrencyLimit);
    }

    // ---- internals: queues

    /** Marks "clear the queue" in an update ({@code work_pool_name: null} given explicitly). */
    private static final StoredQueue NO_QUEUE = new StoredQueue(null, null, 0);

    /** Work queue resolution (deployments.md §2.2); null when neither a pool nor a queue is named. */
    private Uni<StoredQueue> resolveQueue(SqlConnection tx, UUID workspaceId, String poolName, String queueName) {
        if (poolName != null) {
            return pools.findByName(tx, workspaceId, poolName).chain(pool -> {
                if (pool == null) {
                    throw PrefectHttpException.notFound(WorkPoolService.notFound(poolName));
                }
                return queueName != null ? queues.findOrCreateInPool(tx, workspaceId, pool.id(), queueName)
                        : queues.findById(tx, workspaceId, pool.default_queue_id());
            });
        }
        if (queueName != null) {
            return queues.resolveWithoutPool(tx, workspaceId, queueName);
        }
        return Uni.createFrom().nullItem();
    }

    /** An update's queue: empty = unchanged; {@link #NO_QUEUE} = cleared ({@code work_pool_name: null}). */
    private Uni<Optional<StoredQueue>> queueForUpdate(SqlConnection tx, UUID workspaceId, DeploymentUpdate update) {
        if (update.workPoolName() != null || update.workQueueName() != null) {
            return resolveQueue(tx, workspaceId, update.workPoolName(), update.workQueueName()).map(Optional::ofNullable);
        }
        return Uni.createFrom().item(update.has("work_pool_name") ? Optional.of(NO_QUEUE) : Optional.empty());
    }

    /** The queue of a run created from the deployment: its own, or one named in the request, in its pool. */
    private Uni<RunQueue> runQueue(UUID workspaceId, StoredDeployment stored, String requested) {
        DeploymentResponse deployment = stored.deployment();
        if (requested == null) {
            return Uni.createFrom().item(RunQueue.of(stored));
        }
        if (deployment.work_pool_name() == null) {
            return Uni.createFrom().failure(() -> new PrefectHttpException(400, "Cannot create flow run in work queue " + requested + " because deployment "
                    + deployment.id() + " is not associated with a work pool. Please remove work_pool_name and try again."));
        }
        return deployments.pool().withTransaction(tx -> pools.findByName(tx, workspaceId, deployment.work_pool_name())
                .chain(pool -> {
                    if (pool == null) { // deleted since the deployment was read
                        throw PrefectHttpException.notFound(WorkPoolService.notFound(deployment.work_pool_name()));
                    }
                    return queues.findOrCreateInPool(tx, workspaceId, pool.id(), requested)
                            .map(queue -> new RunQueue(queue.queue().id(), queue.queue().name(), pool.id(), pool.name()));
                }));
    }

    private static ObjectNode flowRunCreate(StoredDeployment stored, DeploymentFlowRunCreate body, RunQueue queue,
            JsonNode createdBy) {
        DeploymentResponse deployment = stored.deployment();
        ObjectNode run = JSON.objectNode();
        run.put("flow_id", deployment.flow_id().toString());
        run.put("deployment_id", deployment.id().toString());
        run.put("deployment_version", deployment.version());
        run.put("name", body.name() == null || body.name().isEmpty() ? null : body.name());
        ObjectNode parameters = deployment.parameters() instanceof ObjectNode own ? own.deepCopy() : JSON.objectNode();
        if (body.parameters() instanceof ObjectNode given) {
            parameters.setAll(given);
        }
        run.set("parameters", parameters);
        run.set("context", given(body.context()) ? body.context() : JSON.objectNode());
        if (given(body.empirical_policy())) {
            run.set("empirical_policy", body.empirical_policy());
        }
        Set<String> tags = new LinkedHashSet<>(deployment.tags());
        if (body.tags() != null) {
            tags.addAll(body.tags());
        }
        ArrayNode tagArray = run.putArray("tags");
        tags.forEach(tagArray::add);
        run.set("labels", ScheduledRunFactory.runLabels(deployment, body.labels()));
        run.put("idempotency_key", body.idempotency_key());
        run.put("parent_task_run_id", body.parent_task_run_id() == null ? null : body.parent_task_run_id().toString());
        UUID infrastructure = body.infrastructure_document_id() != null ? body.infrastructure_document_id()
                : deployment.infrastructure_document_id();
        run.put("infrastructure_document_id", infrastructure == null ? null : infrastructure.toString());
        queue.writeTo(run);
        // the deployment's job variables are not copied: workers merge them at run time
        run.set("job_variables", given(body.job_variables()) ? body.job_variables() : JSON.objectNode());
        if (given(body.state())) {
            run.set("state", body.state());
        } else {
            ObjectNode state = run.putObject("state");
            state.put("type", "SCHEDULED");
            state.put("name", "Scheduled");
            state.putObject("state_details").put("scheduled_time", PrefectDateTimes.format(OffsetDateTime.now()));
        }
        run.put("auto_scheduled", false);
        run.set("created_by", createdBy);
        return run;
    }

    /** A value the request carried: neither absent nor JSON null (the client sends nulls for unset fields). */
    private static boolean given(JsonNode node) {
        return node != null && !node.isNull();
    }

    // ---- internals: schedules

    private static NewSchedule newSchedule(DeploymentScheduleCreate create, Instant now) {
        return new NewSchedule(Uuids.timeOrdered(), create.parsedSchedule(now).toJson(), create.activeOrDefault(),
                create.max_scheduled_runs(), create.parameters() == null ? JSON.objectNode() : create.parameters(),
                create.slug());
    }

    private static ColumnUpdates scheduleUpdateValues(DeploymentScheduleUpdate update, Instant now, SqlParams params) {
        ColumnUpdates columns = new ColumnUpdates(params);
        if (update.active() != null) {
            columns.set("active", update.active());
        }
        if (update.hasSchedule()) {
            columns.setJson("schedule", update.parsedSchedule(now).toJson());
        }
        if (update.max_scheduled_runs() != null) {
            columns.set("max_scheduled_runs", update.max_scheduled_runs());
        }
        // Prefect's update defaults parameters to {}: omitting them resets a schedule's parameters
        columns.setJson("parameters", update.parameters() == null || update.parameters().isNull()
                ? JSON.objectNode() : update.parameters());
        if (update.slug() != null) {
            columns.set("slug", update.slug());
        }
        return columns;
    }

    /** What an update does to the schedules, decided before anything is written (deployments.md §3.7). */
    private interface SchedulePlan {
        Uni<Void> apply(SqlConnection tx, UUID workspaceId, UUID deploymentId);
    }

    private SchedulePlan planSchedules(List<DeploymentScheduleUpdate> provided, List<DeploymentSchedule> existing,
            Instant now) {
        if (provided == null) {
            return (tx, ws, id) -> Uni.createFrom().voidItem();
        }
        boolean allProvidedHaveSlugs = provided.stream().allMatch(s -> s.slug() != null);
        boolean allExistingHaveSlugs = !existing.isEmpty() && existing.stream().allMatch(s -> s.slug() != null);
        if (allExistingHaveSlugs && !allProvidedHaveSlugs) {
            throw PrefectHttpException.unprocessable("Please provide a slug for each schedule in your request to ensure "
                    + "schedules are updated correctly.");
        }
        if (!allExistingHaveSlugs) {
            // legacy mode: replace them all (entries without a schedule are skipped)
            List<NewSchedule> replacements = provided.stream().filter(DeploymentScheduleUpdate::hasSchedule)
                    .map(s -> newSchedule(s.asCreate(), now)).toList();
            return (tx, ws, id) -> deployments.deleteSchedules(tx, ws, id)
                    .chain(() -> deployments.insertSchedules(tx, ws, id, replacements));
        }
        Map<String, DeploymentSchedule> bySlug = new HashMap<>();
        existing.forEach(s -> bySlug.put(s.slug(), s));
        Set<String> replaced = new HashSet<>();
        for (DeploymentScheduleUpdate s : provided) {
            if (s.replaces() != null && !replaced.add(s.replaces())) {
                throw PrefectHttpException.unprocessable(
                        "Multiple schedules have 'replaces' targeting the same slug: " + s.replaces());
            }
        }
        for (DeploymentScheduleUpdate s : provided) {
            if (s.replaces() != null && !s.slug().equals(s.replaces()) && bySlug.containsKey(s.slug())
                    && !replaced.contains(s.slug())) {
                throw PrefectHttpException.unprocessable("Cannot rename schedule from '" + s.replaces() + "' to '"
                        + s.slug() + "': a schedule with slug '" + s.slug() + "' already exists.");
            }
        }
        List<SchedulePlan> steps = new ArrayList<>();
        List<NewSchedule> additions = new ArrayList<>();
        for (DeploymentScheduleUpdate s : provided) {
            DeploymentSchedule target = bySlug.get(s.replaces() != null ? s.replaces() : s.slug());
            if (target != null) {
                steps.add((tx, ws, id) -> {
                    SqlParams params = new SqlParams();
                    return deployments.updateSchedule(tx, ws, id, target.id(), scheduleUpdateValues(s, now, params), params)
                            .replaceWithVoid();
                });
            } else if (!s.hasSchedule()) {
                throw PrefectHttpException.unprocessable(
                        "Unable to create new deployment schedules without a schedule configuration.");
            } else {
                additions.add(newSchedule(s.asCreate(), now));
            }
        }
        return (tx, ws, id) -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (SchedulePlan step : steps) {
                chain = chain.chain(() -> step.apply(tx, ws, id));
            }
            return chain.chain(() -> deployments.insertSchedules(tx, ws, id, additions));
        };
    }

    // ---- internals: snapshots

    private Uni<StoredDeployment> publish(SqlConnection tx, UUID workspaceId, UUID id) {
        return deployments.find(tx, workspaceId, id).call(stored -> snapshots.publish(tx, workspaceId, stored));
    }

    /** A change to the schedules only: the deployment's snapshot version moves with it. */
    private Uni<StoredDeployment> bumpAndPublish(SqlConnection tx, UUID workspaceId, UUID id) {
        SqlParams params = new SqlParams();
        return deployments.update(tx, workspaceId, id, new ColumnUpdates(params), params)
                .chain(() -> publish(tx, workspaceId, id));
    }

    private static List<DeploymentResponse> responses(List<StoredDeployment> stored) {
        return stored.stream().map(StoredDeployment::deployment).toList();
    }

    private static StoredDeployment orNotFound(StoredDeployment stored, String detail) {
        if (stored == null) {
            throw PrefectHttpException.notFound(detail);
        }
        return stored;
    }
}
