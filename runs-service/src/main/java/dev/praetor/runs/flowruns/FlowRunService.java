package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.events.Outbox;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.rest.errors.ObjectNotFoundException;
import dev.praetor.rest.errors.PrefectErrorMappers;
import dev.praetor.rest.errors.PrefectHttpException;
import dev.praetor.rest.filters.StateType;
import dev.praetor.rest.json.Uuids;
import dev.praetor.rest.paging.PageResponse;
import dev.praetor.rest.paging.Paging;
import dev.praetor.runs.orchestration.DeploymentConcurrency;
import dev.praetor.runs.orchestration.FlowOrchestrationContext;
import dev.praetor.runs.orchestration.FlowPolicies;
import dev.praetor.runs.orchestration.OrchestrationParameters;
import dev.praetor.runs.orchestration.Orchestrator;
import dev.praetor.runs.orchestration.Policy;
import dev.praetor.runs.states.OrchestrationResult;
import dev.praetor.runs.states.SetStateOutcome;
import dev.praetor.runs.states.SetStateRequest;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateResponseDetails;
import dev.praetor.runs.taskruns.TaskRunService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The rules of {@code /flow_runs}: one transaction per request (per run for the bulk state route); every committed
 * change writes the run's snapshot (or tombstone) and its Prefect events to the outbox in that same transaction.
 * State changes only happen through {@link Orchestrator}.
 */
@ApplicationScoped
public class FlowRunService {
    public static final String TOPIC = "flow-runs";
    static final String NOT_FOUND = "Flow run not found";
    private static final Set<StateType> HOLDING_A_DEPLOYMENT_SLOT = EnumSet.of(StateType.PENDING, StateType.RUNNING,
            StateType.CANCELLING);

    @Inject
    FlowRunRepository runs;

    @Inject
    FlowRunRowsJson rowsJson;

    @Inject
    FlowPolicies policies;

    @Inject
    FlowDirectory flows;

    @Inject
    WorkQueueDirectory workQueues;

    @Inject
    DeploymentConcurrency deployments;

    @Inject
    TaskRunService taskRuns;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    @Inject
    RunInputValidation runInputs;

    /** The answer of a create: the run, and whether this request inserted it (201) or found it by idempotency key (200). */
    public record Created(FlowRunResponse run, boolean inserted) {
    }

    // --- create, read, update, delete ------------------------------------------------------------------------------

    public Uni<Created> create(UUID workspaceId, FlowRunCreate body, OrchestrationParameters parameters, ObjectNode createdBy) {
        // The queue is resolved before the idempotency check, so an unknown pool is a 404 even for a repeated key.
        Uni<WorkQueueDirectory.ResolvedQueue> queue = body.work_pool_name() == null || body.queueResolvedByCaller()
                ? Uni.createFrom().nullItem()
                : workQueues.resolve(workspaceId, body.work_pool_name(), body.work_queue_name());
        return queue.flatMap(resolved -> flows.find(workspaceId, body.flow_id()).flatMap(flow -> {
            if (flow.isEmpty()) {
                return Uni.createFrom().failure(PrefectHttpException.conflict(PrefectErrorMappers.INTEGRITY_CONFLICT));
            }
            OffsetDateTime now = now();
            FlowRunEntity run = newRun(workspaceId, body, flow.get(), createdBy, now);
            if (resolved != null) {
                run.workQueueId = resolved.queueId();
                run.workQueueName = resolved.queueName();
                run.workPoolId = resolved.poolId();
                run.workPoolName = resolved.poolName();
            }
            String key = body.idempotency_key();
            State initial = body.state() == null ? State.of(StateType.PENDING, null, null, now) : body.state().toState(now);
            if ((key == null || key.isEmpty()) && body.parent_task_run_id() == null) {
                // Nothing can make the insert a no-op or fail on a foreign key: orchestrate the first state, then store
                // run and state at once. (A subflow is inserted first so that a missing parent is a 409.)
                return runs.pool().withTransaction(tx -> orchestrate(tx, new FlowRunRepository.Locked(run, null), initial,
                        policies.minimal(), parameters, true).map(ctx -> new Created(FlowRunResponse.of(run, now()), true)));
            }
            return runs.pool().withTransaction(tx -> runs.insert(tx, run, key != null && !key.isEmpty()).flatMap(inserted -> {
                if (!inserted) {
                    return runs.findByIdempotencyKey(tx, workspaceId, body.flow_id(), key)
                            .map(existing -> new Created(FlowRunResponse.of(existing, now()), false));
                }
                return orchestrate(tx, new FlowRunRepository.Locked(run, null), initial, policies.minimal(), parameters, false)
                        .map(ctx -> new Created(FlowRunResponse.of(run, now()), true));
            }));
        }));
    }

    public Uni<FlowRunResponse> read(UUID workspaceId, UUID id) {
        return runs.findById(runs.pool(), workspaceId, id).map(run -> {
            if (run == null) {
                throw PrefectHttpException.notFound(NOT_FOUND);
            }
            return FlowRunResponse.of(run, now());
        });
    }

    public Uni<Void> update(UUID workspaceId, UUID id, FlowRunUpdate update) {
        return runs.pool().withTransaction(tx -> runs.lockForOrchestration(tx, workspaceId, id).flatMap(locked -> {
            if (locked == null) {
                return Uni.createFrom().failure(PrefectHttpException.notFound(NOT_FOUND));
            }
            if (update.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            FlowRunEntity run = locked.run();
            if (update.has(FlowRunUpdate.Field.JOB_VARIABLES) && update.jobVariables() != null) {
                checkJobVariablesUpdatable(run);
                run.jobVariables = mapper.valueToTree(update.jobVariables());
            } else if (update.has(FlowRunUpdate.Field.JOB_VARIABLES)) {
                run.jobVariables = null;
            }
            if (update.has(FlowRunUpdate.Field.NAME)) {
                run.setName(RunNames.orSlug(update.name()));
            }
            if (update.has(FlowRunUpdate.Field.FLOW_VERSION)) {
                run.flowVersion = update.flowVersion();
            }
            if (update.has(FlowRunUpdate.Field.PARAMETERS)) {
                run.parameters = mapper.valueToTree(update.parameters());
            }
            if (update.has(FlowRunUpdate.Field.EMPIRICAL_POLICY)) {
                run.empiricalPolicy = update.empiricalPolicy() == null ? FlowRunPolicy.DEFAULTS : update.empiricalPolicy();
            }
            if (update.has(FlowRunUpdate.Field.TAGS)) {
                run.setTags(update.tags());
            }
            if (update.has(FlowRunUpdate.Field.INFRASTRUCTURE_PID)) {
                run.infrastructurePid = update.infrastructurePid();
            }
            OffsetDateTime now = now();
            return runs.updateFields(tx, run, now).call(() -> outbox.append(tx, snapshot(run, now))).replaceWithVoid();
        }));
    }

    /**
     * Job variables only make sense before a deployment run is submitted (flow-runs.md §3.3). Validating them against
     * the work pool's base job template needs deployments-service (a later issue); the state checks apply now.
     */
    private static void checkJobVariablesUpdatable(FlowRunEntity run) {
        if (run.stateType() == null) {
            throw new PrefectHttpException(400, "Flow run state is required to update job variables but none exists");
        }
        if (run.stateType() != StateType.SCHEDULED) {
            throw new PrefectHttpException(400, "Job variables for a flow run in state " + run.stateType()
                    + " cannot be updated");
        }
        if (run.deploymentId() == null) {
            throw new PrefectHttpException(400, "A deployment for the flow run could not be found");
        }
    }

    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return runs.pool().withTransaction(tx -> deleteOne(tx, workspaceId, id).invoke(deleted -> {
            if (!deleted) {
                throw PrefectHttpException.notFound(NOT_FOUND);
            }
        })).replaceWithVoid();
    }

    public Uni<BulkDeleteResponse> bulkDelete(UUID workspaceId, BulkDeleteRequest request) {
        int limit = Paging.bulkLimit(request.limit());
        return runs.pool().withTransaction(tx -> runs.lockMatchingIds(tx, workspaceId, request.flow_runs(), limit)
                .flatMap(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> deleteOne(tx, workspaceId, id))
                        .collect().asList().replaceWith(new BulkDeleteResponse(ids))));
    }

    /**
     * Deletes a run with everything that belongs to it: its task runs (their subflows are detached first, so their
     * snapshots are published), states and inputs (cascade) and logs; a deployment slot the run held is released.
     */
    private Uni<Boolean> deleteOne(SqlConnection tx, UUID workspaceId, UUID id) {
        return runs.lockForOrchestration(tx, workspaceId, id).flatMap(locked -> {
            if (locked == null) {
                return Uni.createFrom().item(false);
            }
            FlowRunEntity run = locked.run();
            List<SnapshotRecord> facts = new ArrayList<>();
            return releaseDeploymentSlot(tx, run)
                    .chain(() -> taskRuns.lockTaskRunsOf(tx, workspaceId, id))
                    .call(taskRunIds -> detachSubflows(tx, workspaceId, taskRunIds, facts))
                    .call(taskRunIds -> taskRuns.deleteTaskRuns(tx, workspaceId, taskRunIds, facts))
                    .chain(() -> runs.delete(tx, workspaceId, id))
                    .chain(() -> runs.deleteLogs(tx, workspaceId, id))
                    .chain(() -> {
                        facts.add(SnapshotRecord.tombstone(TOPIC, id.toString(), workspaceId, run.version() + 1));
                        return outbox.appendAll(tx, facts);
                    })
                    .replaceWith(true);
        });
    }

    /**
     * Subflows whose parent task runs are about to be deleted lose that parent ({@code parent_task_run_id} = null);
     * their new snapshots join {@code facts}.
     */
    public Uni<Void> detachSubflows(SqlConnection tx, UUID workspaceId, List<UUID> taskRunIds, List<SnapshotRecord> facts) {
        OffsetDateTime now = now();
        return runs.detachSubflows(tx, workspaceId, taskRunIds, now)
                .invoke(detached -> detached.forEach(subflow -> facts.add(snapshot(subflow, now))))
                .replaceWithVoid();
    }

    private Uni<Void> releaseDeploymentSlot(SqlConnection tx, FlowRunEntity run) {
        if (run.deploymentId() == null || !HOLDING_A_DEPLOYMENT_SLOT.contains(run.stateType())) {
            return Uni.createFrom().voidItem();
        }
        return deployments.limitOf(tx, run.workspaceId(), run.deploymentId()).chain(limit -> limit
                .filter(DeploymentConcurrency.Limit::configured)
                .map(l -> deployments.releaseSlot(tx, run.workspaceId(), l.concurrencyLimitId()))
                .orElse(Uni.createFrom().voidItem()));
    }

    // --- queries -----------------------------------------------------------------------------------------------

    /**
     * The matching runs as a JSON list of {@link FlowRunResponse}, written straight from the rows by
     * {@link FlowRunRowsJson} (the same bytes as serialising the responses, at half the CPU).
     */
    public Uni<byte[]> filterJson(UUID workspaceId, FlowRunReadRequest request) {
        int limit = Paging.limit(request.limit());
        int offset = Paging.offset(request.offset());
        return runs.filterRows(workspaceId, request, limit, offset).map(rows -> rowsJson.write(rows, now()));
    }

    public Uni<Long> count(UUID workspaceId, FlowRunReadRequest request) {
        return runs.count(workspaceId, request);
    }

    public Uni<PageResponse<FlowRunResponse>> paginate(UUID workspaceId, FlowRunReadRequest request) {
        return PageResponse.paginate(request.limit(), request.page(),
                (limit, offset) -> runs.filter(workspaceId, request, limit, offset).map(this::responses),
                runs.count(workspaceId, request));
    }

    public Uni<Double> lateness(UUID workspaceId, FlowRunReadRequest request) {
        return runs.lateness(workspaceId, request, now());
    }

    public Uni<List<HistoryResponse>> history(UUID workspaceId, FlowRunHistoryRequest request) {
        if (request.history_interval_seconds() < 1) {
            return Uni.createFrom().failure(PrefectHttpException.unprocessable("History interval must not be less than 1 second."));
        }
        return runs.history(workspaceId, request, now());
    }

    // --- graphs and logs ------------------------------------------------------------------------------------------

    public Uni<List<FlowRunGraphs.DependencyResult>> graph(UUID workspaceId, UUID id) {
        return existing(workspaceId, id).chain(run -> taskRuns.ofFlowRun(workspaceId, id)).map(FlowRunGraphs::dependencies);
    }

    public Uni<FlowRunGraphs.Graph> graphV2(UUID workspaceId, UUID id, OffsetDateTime since) {
        return runs.findById(runs.pool(), workspaceId, id).chain(run -> {
            if (run == null) {
                return Uni.createFrom().failure(new ObjectNotFoundException("Flow run " + id + " not found"));
            }
            return taskRuns.ofFlowRun(workspaceId, id).chain(tasks -> Uni.combine().all()
                    .unis(runs.statesOf(workspaceId, id), runs.subflowsOf(workspaceId, tasks.stream().map(t -> t.id()).toList()))
                    .with((states, subflows) -> {
                        OffsetDateTime now = now();
                        Map<UUID, FlowRunResponse> byTask = new java.util.HashMap<>();
                        subflows.forEach(subflow -> byTask.put(subflow.parentTaskRunId(), FlowRunResponse.of(subflow, now)));
                        return FlowRunGraphs.graph(FlowRunResponse.of(run, now), states, tasks, byTask, since);
                    }));
        });
    }

    /** A run's logs as CSV, oldest first, read a page at a time while the response streams. */
    public record LogsDownload(String contentDisposition, io.smallrye.mutiny.Multi<String> csv) {
    }

    static final int LOG_PAGE = 1000;

    public Uni<LogsDownload> logsDownload(UUID workspaceId, UUID id) {
        return runs.findById(runs.pool(), workspaceId, id).map(run -> {
            if (run == null) {
                throw PrefectHttpException.notFound(NOT_FOUND);
            }
            String flowRunId = id.toString();
            Multi<String> rows = Multi.createBy().repeating()
                    .uni(() -> new FlowRunRepository.LogLine[1], last -> runs.logPage(workspaceId, id,
                            last[0] == null ? null : last[0].timestamp(), last[0] == null ? null : last[0].id(), LOG_PAGE)
                            .invoke(page -> last[0] = page.isEmpty() ? last[0] : page.get(page.size() - 1)))
                    .until(List::isEmpty)
                    .map(page -> FlowRunLogsCsv.rows(flowRunId, page));
            return new LogsDownload(FlowRunLogsCsv.contentDisposition(run.name()),
                    Multi.createBy().concatenating().streams(Multi.createFrom().item(FlowRunLogsCsv.HEADER), rows));
        });
    }

    private Uni<FlowRunEntity> existing(UUID workspaceId, UUID id) {
        return runs.findById(runs.pool(), workspaceId, id).invoke(run -> {
            if (run == null) {
                throw new ObjectNotFoundException("Flow run with id " + id + " not found");
            }
        });
    }

    // --- states ------------------------------------------------------------------------------------------------

    public Uni<SetStateOutcome> setState(UUID workspaceId, UUID id, SetStateRequest request, OrchestrationParameters parameters) {
        return runs.pool().withTransaction(tx -> runs.lockForOrchestration(tx, workspaceId, id).flatMap(locked -> {
            if (locked == null) {
                return Uni.createFrom().failure(new ObjectNotFoundException("Flow run with id " + id + " not found"));
            }
            State proposed = request.state().toState(now());
            return orchestrate(tx, locked, proposed, policies.forProposal(request.forced()), parameters);
        })).map(ctx -> new SetStateOutcome(ctx.result(), ctx.stateWritten()));
    }

    /** The policy a background service's proposal goes through (states-and-orchestration.md §10). */
    public enum ServerPolicy {
        CORE, FORCED, MARK_LATE
    }

    /**
     * A background service's proposal for one run, decided under the run's lock: {@code proposal} sees the run as it
     * is now and answers the state to propose, or null when the reason to act is gone (the run moved on since the
     * service found it). Empty when the run is gone or nothing was proposed.
     */
    public Uni<Optional<SetStateOutcome>> proposeFromServer(UUID workspaceId, UUID id,
            java.util.function.BiFunction<FlowRunEntity, OffsetDateTime, State> proposal, ServerPolicy policy) {
        return runs.pool().withTransaction(tx -> runs.lockForOrchestration(tx, workspaceId, id).flatMap(locked -> {
            if (locked == null) {
                return Uni.createFrom().item(Optional.<SetStateOutcome>empty());
            }
            State proposed = proposal.apply(locked.run(), now());
            if (proposed == null) {
                return Uni.createFrom().item(Optional.<SetStateOutcome>empty());
            }
            Policy<FlowOrchestrationContext> chosen = switch (policy) {
                case CORE -> policies.core();
                case FORCED -> policies.minimal();
                case MARK_LATE -> policies.markLate();
            };
            return orchestrate(tx, locked, proposed, chosen, OrchestrationParameters.SERVER)
                    .map(ctx -> Optional.of(new SetStateOutcome(ctx.result(), ctx.stateWritten())));
        }));
    }

    /** Each matching run is orchestrated in its own transaction; a failure becomes that run's ABORT entry. */
    public Uni<BulkSetStateResponse> bulkSetState(UUID workspaceId, BulkSetStateRequest request,
            OrchestrationParameters parameters) {
        int limit = Paging.bulkLimit(request.limit());
        return runs.matchingIds(workspaceId, request.flow_runs(), limit).flatMap(ids -> Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> setState(workspaceId, id,
                        new SetStateRequest(request.state(), request.force()), parameters)
                        .map(outcome -> entry(id, outcome.result()))
                        .onFailure().recoverWithItem(error -> new FlowRunOrchestrationResult(id, SetStateStatus.ABORT, null,
                                new StateResponseDetails.Abort(String.valueOf(error.getMessage())))))
                .collect().asList().map(BulkSetStateResponse::new));
    }

    private static FlowRunOrchestrationResult entry(UUID id, OrchestrationResult result) {
        return new FlowRunOrchestrationResult(id, result.status(), result.state(), result.details());
    }

    /**
     * {@code POST /flow_runs/{id}/resume} (flow-runs.md §3.8): a paused run continues (RUNNING) or, if it was
     * suspended, is rescheduled ({@code Resuming}); a run waiting for input must get input valid against the schema
     * it published, which is then stored as its response input.
     */
    public Uni<SetStateOutcome> resume(UUID workspaceId, UUID id, ObjectNode runInput, OrchestrationParameters parameters) {
        return runs.pool().withTransaction(tx -> runs.lockForOrchestration(tx, workspaceId, id).flatMap(locked -> {
            if (locked == null) {
                return Uni.createFrom().failure(new ObjectNotFoundException("Flow run with id " + id + " not found"));
            }
            State paused = locked.run().state();
            if (paused == null || !paused.hasType(StateType.PAUSED)) {
                return Uni.createFrom().item(new SetStateOutcome(new OrchestrationResult(null, SetStateStatus.ABORT,
                        new StateResponseDetails.Abort("Cannot resume a flow run that is not paused.")), false));
            }
            Map<String, String> keyset = paused.state_details().run_input_keyset();
            Uni<Optional<String>> inputProblem = keyset == null ? Uni.createFrom().item(Optional.empty())
                    : runs.findInput(tx, workspaceId, id, keyset.get("schema"))
                            .map(schema -> runInputs.problem(runInput, schema == null ? null : schema.value()));
            return inputProblem.flatMap(problem -> {
                if (problem.isPresent()) {
                    // Prefect's quirk: these REJECTs carry abort_details.
                    return Uni.createFrom().item(new SetStateOutcome(new OrchestrationResult(paused, SetStateStatus.REJECT,
                            new StateResponseDetails.Abort(problem.get())), false));
                }
                OffsetDateTime now = now();
                State next = paused.state_details().pause_reschedule() ? State.scheduled("Resuming", now, null, null, now)
                        : State.of(StateType.RUNNING, null, null, now);
                return orchestrate(tx, locked, next, policies.core(), parameters).flatMap(ctx -> {
                    SetStateOutcome outcome = new SetStateOutcome(ctx.result(), ctx.stateWritten());
                    ObjectNode hydrated = keyset == null ? null : runInputs.hydrate(runInput);
                    if (hydrated == null || hydrated.isEmpty() || ctx.status() != SetStateStatus.ACCEPT) {
                        return Uni.createFrom().item(outcome);
                    }
                    return runs.insertInput(tx, workspaceId, id, Uuids.timeOrdered(), keyset.get("response"),
                            hydrated.toString(), null, now()).replaceWith(outcome);
                });
            });
        }));
    }

    public Uni<State> readState(UUID workspaceId, UUID stateId) {
        return runs.findState(workspaceId, stateId).map(state -> {
            if (state == null) {
                throw PrefectHttpException.notFound("Flow run state not found");
            }
            return state;
        });
    }

    public Uni<List<State>> statesOf(UUID workspaceId, UUID flowRunId) {
        return runs.statesOf(workspaceId, flowRunId);
    }

    // --- labels and inputs -------------------------------------------------------------------------------------

    /** Shallow-merges {@code labels} into the run's labels (new keys added, existing ones overwritten). */
    public Uni<Void> mergeLabels(UUID workspaceId, UUID id, Map<String, Object> labels) {
        return runs.pool().withTransaction(tx -> runs.lockForOrchestration(tx, workspaceId, id).flatMap(locked -> {
            if (locked == null) {
                return Uni.createFrom().failure(new ObjectNotFoundException("Flow run with id " + id + " not found"));
            }
            FlowRunEntity run = locked.run();
            ObjectNode merged = run.labels == null ? mapper.createObjectNode() : run.labels.deepCopy();
            merged.setAll((ObjectNode) mapper.valueToTree(labels));
            run.labels = merged;
            OffsetDateTime now = now();
            return runs.updateFields(tx, run, now).call(() -> outbox.append(tx, snapshot(run, now))).replaceWithVoid();
        }));
    }

    public Uni<Void> createInput(UUID workspaceId, UUID flowRunId, FlowRunInputCreate input) {
        return runs.insertInput(runs.pool(), workspaceId, flowRunId, Uuids.timeOrdered(), input.key(), input.value(),
                input.sender(), now())
                .onFailure(PgException.class).transform(e -> "23505".equals(((PgException) e).getSqlState())
                        ? PrefectHttpException.conflict("A flow run input with this key already exists.") : e)
                .invoke(created -> {
                    if (!created) {
                        throw PrefectHttpException.notFound(NOT_FOUND);
                    }
                }).replaceWithVoid();
    }

    public Uni<List<FlowRunInput>> filterInputs(UUID workspaceId, UUID flowRunId, FlowRunInputFilterRequest request) {
        return runs.filterInputs(workspaceId, flowRunId, request.prefix(), request.excludeKeysOrEmpty(),
                request.limitOrDefault());
    }

    public Uni<String> readInput(UUID workspaceId, UUID flowRunId, String key) {
        return runs.findInput(runs.pool(), workspaceId, flowRunId, key).map(input -> {
            if (input == null) {
                throw PrefectHttpException.notFound("Flow run input not found");
            }
            return input.value();
        });
    }

    public Uni<Void> deleteInput(UUID workspaceId, UUID flowRunId, String key) {
        return runs.deleteInput(workspaceId, flowRunId, key).invoke(deleted -> {
            if (!deleted) {
                throw PrefectHttpException.notFound("Flow run input not found");
            }
        }).replaceWithVoid();
    }

    // --- orchestration -------------------------------------------------------------------------------------------

    /**
     * Runs one proposal through {@code policy} and the global bookkeeping on a locked run, then stores the outcome:
     * the state row and the run's columns in one statement, pipelined with the outbox rows (the run's snapshot, its
     * events, mirrored parent task runs).
     */
    Uni<FlowOrchestrationContext> orchestrate(SqlConnection tx, FlowRunRepository.Locked locked, State proposed,
            Policy<FlowOrchestrationContext> policy, OrchestrationParameters parameters) {
        return orchestrate(tx, locked, proposed, policy, parameters, false);
    }

    /** As above; with {@code insert}, the run is new and is inserted with its first state instead of updated. */
    private Uni<FlowOrchestrationContext> orchestrate(SqlConnection tx, FlowRunRepository.Locked locked, State proposed,
            Policy<FlowOrchestrationContext> policy, OrchestrationParameters parameters, boolean insert) {
        FlowRunEntity run = locked.run();
        FlowOrchestrationContext ctx = new FlowOrchestrationContext(run.workspaceId(), tx, run,
                locked.latestStateTimestamp(), proposed, parameters, clock, new ArrayList<>());
        return Orchestrator.orchestrate(ctx, policy, policies.global()).call(done -> {
            if (!run.changed()) {
                return outbox.appendAll(tx, ctx.changeFacts());
            }
            OffsetDateTime now = now();
            Uni<Void> write = insert ? runs.insertWithState(tx, run, ctx.validatedState())
                    : runs.writeOrchestration(tx, run, ctx.stateWritten() ? ctx.validatedState() : null, now);
            ctx.publish(snapshot(run, now));
            return Uni.combine().all().unis(write, outbox.appendAll(tx, ctx.changeFacts())).discardItems();
        });
    }

    private FlowRunEntity newRun(UUID workspaceId, FlowRunCreate body, FlowDirectory.FlowInfo flow, ObjectNode createdBy,
            OffsetDateTime now) {
        FlowRunEntity run = FlowRunEntity.create(Uuids.timeOrdered(), workspaceId, body.flow_id(),
                RunNames.orSlug(body.name()), body.tags() == null ? List.of() : List.copyOf(body.tags()));
        run.created = now;
        run.updated = now;
        run.flowVersion = body.flow_version();
        run.parameters = objectOrEmpty(body.parameters());
        run.context = objectOrEmpty(body.context());
        run.empiricalPolicy = body.empirical_policy() == null ? FlowRunPolicy.DEFAULTS : body.empirical_policy();
        run.idempotencyKey = body.idempotency_key();
        run.workQueueName = body.work_queue_name();
        run.parentTaskRunId = body.parent_task_run_id();
        run.infrastructureDocumentId = body.infrastructure_document_id();
        run.deploymentId = body.deployment_id();
        run.jobVariables = objectOrEmpty(body.job_variables());
        run.createdBy = createdBy;
        if (body.queueResolvedByCaller()) {
            // a deployment's run: deployments-service resolved the queue and says who created the run
            run.workQueueId = body.work_queue_id();
            run.workPoolId = body.work_pool_id();
            run.workPoolName = body.work_pool_name();
        }
        run.deploymentVersion = body.deployment_version();
        run.autoScheduled = Boolean.TRUE.equals(body.auto_scheduled());
        if (body.created_by() != null) {
            run.createdBy = mapper.valueToTree(body.created_by());
        }
        run.labels = labels(body, flow);
        run.version = 1;
        return run;
    }

    /**
     * System labels under the user's (flow-runs.md §3.1 step 4): a deployment run names its flow and deployment (the
     * deployment's own labels come with deployments-service), any other run its flow's labels and id.
     */
    private ObjectNode labels(FlowRunCreate body, FlowDirectory.FlowInfo flow) {
        ObjectNode labels = mapper.createObjectNode();
        if (body.deployment_id() == null && flow.labels() != null) {
            labels.setAll(flow.labels());
        }
        labels.put("prefect.flow.id", body.flow_id().toString());
        if (body.deployment_id() != null) {
            labels.put("prefect.deployment.id", body.deployment_id().toString());
        }
        if (body.labels() != null) {
            labels.setAll((ObjectNode) mapper.valueToTree(body.labels()));
        }
        return labels;
    }

    private ObjectNode objectOrEmpty(Map<String, Object> value) {
        return value == null ? mapper.createObjectNode() : mapper.valueToTree(value);
    }

    SnapshotRecord snapshot(FlowRunEntity run, OffsetDateTime now) {
        return new SnapshotRecord(TOPIC, run.id().toString(), run.workspaceId(), run.version(),
                mapper.valueToTree(FlowRunResponse.of(run, now)));
    }

    private List<FlowRunResponse> responses(List<FlowRunEntity> entities) {
        OffsetDateTime now = now();
        List<FlowRunResponse> responses = new ArrayList<>(entities.size());
        entities.forEach(run -> responses.add(FlowRunResponse.of(run, now)));
        return responses;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
