package dev.praetor.runs.taskruns;

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
import dev.praetor.runs.flowruns.FlowRunService;
import dev.praetor.runs.flowruns.HistoryResponse;
import dev.praetor.runs.flowruns.RunNames;
import dev.praetor.runs.orchestration.FlowOrchestrationContext;
import dev.praetor.runs.orchestration.OrchestrationParameters;
import dev.praetor.runs.orchestration.Orchestrator;
import dev.praetor.runs.orchestration.SubflowParentTasks;
import dev.praetor.runs.orchestration.TaskOrchestrationContext;
import dev.praetor.runs.orchestration.TaskPolicies;
import dev.praetor.runs.states.SetStateOutcome;
import dev.praetor.runs.states.SetStateRequest;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The rules of {@code /task_runs}: one transaction per request, every committed change published through the outbox
 * (snapshots on {@code task-runs}). Also mirrors subflow states onto their parent task runs.
 */
@ApplicationScoped
public class TaskRunService implements SubflowParentTasks {
    public static final String TOPIC = "task-runs";
    static final String NOT_FOUND = "Task not found";

    @Inject
    TaskRunRepository runs;

    @Inject
    TaskPolicies policies;

    @Inject
    FlowRunService flowRuns;

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    @Inject
    Clock clock;

    /** The answer of a create: the run, and whether this request inserted it (201) or found it by its keys (200). */
    public record Created(TaskRun run, boolean inserted) {
    }

    public Uni<Created> create(UUID workspaceId, TaskRunCreate body, OrchestrationParameters parameters) {
        return runs.pool().withTransaction(tx -> flowRunOf(tx, workspaceId, body.flow_run_id()).flatMap(flowRun -> {
            OffsetDateTime now = now();
            TaskRunEntity run = newRun(workspaceId, body, flowRun, now);
            return runs.insert(tx, run).flatMap(inserted -> {
                if (!inserted) {
                    return runs.findByKey(tx, workspaceId, body.flow_run_id(), body.task_key(), body.dynamic_key())
                            .map(existing -> new Created(TaskRun.of(existing, now()), false));
                }
                State initial = body.state() == null ? State.of(StateType.PENDING, null, null, now) : body.state().toState(now);
                TaskOrchestrationContext ctx = new TaskOrchestrationContext(workspaceId, tx, run,
                        flowRun == null ? null : flowRun.flowRun(), initial, parameters, clock, new ArrayList<>());
                return orchestrate(ctx, true).call(() -> outbox.appendAll(tx, ctx.changeFacts()))
                        .map(done -> new Created(TaskRun.of(run, now()), true));
            });
        }));
    }

    /** The flow run a new task run names; a missing one is Prefect's foreign-key 409. */
    private Uni<TaskRunRepository.FlowRunOfTask> flowRunOf(SqlConnection tx, UUID workspaceId, UUID flowRunId) {
        if (flowRunId == null) {
            return Uni.createFrom().nullItem();
        }
        return runs.findFlowRun(tx, workspaceId, flowRunId).invoke(found -> {
            if (found == null) {
                throw PrefectHttpException.conflict(PrefectErrorMappers.INTEGRITY_CONFLICT);
            }
        });
    }

    public Uni<TaskRun> read(UUID workspaceId, UUID id) {
        return runs.findById(runs.pool(), workspaceId, id).map(run -> {
            if (run == null) {
                throw PrefectHttpException.notFound(NOT_FOUND);
            }
            return TaskRun.of(run, now());
        });
    }

    public Uni<Void> update(UUID workspaceId, UUID id, TaskRunUpdate update) {
        return runs.pool().withTransaction(tx -> runs.lockForOrchestration(tx, workspaceId, id).flatMap(locked -> {
            if (locked == null) {
                return Uni.createFrom().failure(PrefectHttpException.notFound("Task run not found"));
            }
            if (!update.hasName()) {
                return Uni.createFrom().voidItem();
            }
            TaskRunEntity run = locked.run();
            run.setName(RunNames.orSlug(update.name()));
            OffsetDateTime now = now();
            return runs.rename(tx, run, now).call(() -> outbox.append(tx, snapshot(run, now)));
        }));
    }

    /** Deletes the task run (states cascade, logs too); subflows it was the parent of are detached. */
    public Uni<Void> delete(UUID workspaceId, UUID id) {
        return runs.pool().withTransaction(tx -> {
            List<SnapshotRecord> facts = new ArrayList<>();
            return flowRuns.detachSubflows(tx, workspaceId, List.of(id), facts)
                    .chain(() -> runs.delete(tx, workspaceId, List.of(id)))
                    .chain(deleted -> {
                        if (deleted.isEmpty()) {
                            return Uni.createFrom().failure(PrefectHttpException.notFound(NOT_FOUND));
                        }
                        deleted.forEach((taskRunId, version) -> facts.add(tombstone(workspaceId, taskRunId, version)));
                        return outbox.appendAll(tx, facts);
                    });
        });
    }

    /** Part of deleting a flow run: the ids of its task runs, locked. */
    public Uni<List<UUID>> lockTaskRunsOf(SqlConnection tx, UUID workspaceId, UUID flowRunId) {
        return runs.lockIdsOfFlowRun(tx, workspaceId, flowRunId);
    }

    /** Part of deleting a flow run: deletes its task runs, adding their tombstones to {@code facts}. */
    public Uni<Void> deleteTaskRuns(SqlConnection tx, UUID workspaceId, List<UUID> ids, List<SnapshotRecord> facts) {
        return runs.delete(tx, workspaceId, ids)
                .invoke(deleted -> deleted.forEach((id, version) -> facts.add(tombstone(workspaceId, id, version))))
                .replaceWithVoid();
    }

    /** The task runs of a flow run (for its graphs). */
    public Uni<List<TaskRun>> ofFlowRun(UUID workspaceId, UUID flowRunId) {
        return runs.ofFlowRun(workspaceId, flowRunId).map(this::taskRuns);
    }

    public Uni<List<TaskRun>> filter(UUID workspaceId, TaskRunReadRequest request) {
        int limit = Paging.limit(request.limit());
        int offset = Paging.offset(request.offset());
        return runs.filter(workspaceId, request, limit, offset).map(this::taskRuns);
    }

    public Uni<Long> count(UUID workspaceId, TaskRunReadRequest request) {
        return runs.count(workspaceId, request);
    }

    public Uni<PageResponse<TaskRunResponse>> paginate(UUID workspaceId, TaskRunReadRequest request) {
        return PageResponse.paginate(request.limit(), request.page(), (limit, offset) -> runs
                        .filter(workspaceId, request, limit, offset)
                        .map(found -> taskRuns(found).stream().map(TaskRunResponse::of).toList()),
                runs.count(workspaceId, request));
    }

    public Uni<List<HistoryResponse>> history(UUID workspaceId, TaskRunHistoryRequest request) {
        if (request.history_interval_seconds() < 1) {
            return Uni.createFrom().failure(PrefectHttpException.unprocessable("History interval must not be less than 1 second."));
        }
        return runs.history(workspaceId, request, now());
    }

    public Uni<SetStateOutcome> setState(UUID workspaceId, UUID id, SetStateRequest request, OrchestrationParameters parameters) {
        return runs.pool().withTransaction(tx -> runs.lockForOrchestration(tx, workspaceId, id).flatMap(locked -> {
            if (locked == null) {
                return Uni.createFrom().failure(new ObjectNotFoundException("Task run with id " + id + " not found"));
            }
            TaskOrchestrationContext ctx = new TaskOrchestrationContext(workspaceId, tx, locked.run(), locked.flowRun(),
                    request.state().toState(now()), parameters, clock, new ArrayList<>());
            return orchestrate(ctx, request.forced()).call(() -> outbox.appendAll(tx, ctx.changeFacts()));
        })).map(ctx -> new SetStateOutcome(ctx.result(), ctx.stateWritten()));
    }

    @Override
    public Uni<Void> mirror(FlowOrchestrationContext flowCtx, UUID taskRunId, State state) {
        SqlConnection tx = flowCtx.connection();
        return runs.lockForOrchestration(tx, flowCtx.workspaceId(), taskRunId).flatMap(locked -> {
            if (locked == null) {
                return Uni.createFrom().failure(new ObjectNotFoundException("Task run with id " + taskRunId + " not found"));
            }
            // The task's snapshot joins the subflow's change facts, published with the subflow's transaction.
            TaskOrchestrationContext ctx = new TaskOrchestrationContext(flowCtx.workspaceId(), tx, locked.run(),
                    locked.flowRun(), state, flowCtx.parameters(), clock, flowCtx.changeFacts());
            return orchestrate(ctx, true).replaceWithVoid();
        });
    }

    public Uni<State> readState(UUID workspaceId, UUID stateId) {
        return runs.findState(workspaceId, stateId).map(state -> {
            if (state == null) {
                // Prefect's message says "Flow run" here too.
                throw PrefectHttpException.notFound("Flow run state not found");
            }
            return state;
        });
    }

    public Uni<List<State>> statesOf(UUID workspaceId, UUID taskRunId) {
        return runs.statesOf(workspaceId, taskRunId);
    }

    /**
     * Runs one proposal through the policy Prefect selects for it and the task bookkeeping, then stores the state row
     * and the run's columns; the run's snapshot joins the context's change facts (the caller writes them).
     */
    private Uni<TaskOrchestrationContext> orchestrate(TaskOrchestrationContext ctx, boolean force) {
        TaskRunEntity run = ctx.run();
        return Orchestrator.orchestrate(ctx, policies.forProposal(ctx.proposedState(), force), policies.global()).call(done -> {
            if (!run.changed()) {
                return Uni.createFrom().voidItem();
            }
            OffsetDateTime now = now();
            Uni<Void> write = runs.writeOrchestration(ctx.connection(), run, ctx.stateWritten() ? ctx.validatedState() : null, now);
            ctx.publish(snapshot(run, now));
            return write;
        });
    }

    private TaskRunEntity newRun(UUID workspaceId, TaskRunCreate body, TaskRunRepository.FlowRunOfTask flowRun,
            OffsetDateTime now) {
        UUID id = body.id() == null ? Uuids.timeOrdered() : body.id();
        TaskRunEntity run = TaskRunEntity.create(id, workspaceId, body.flow_run_id(), RunNames.orSlug(body.name()),
                body.tags() == null ? List.of() : List.copyOf(body.tags()));
        run.created = now;
        run.updated = now;
        run.taskKey = body.task_key();
        run.dynamicKey = body.dynamic_key();
        run.cacheKey = body.cache_key();
        run.cacheExpiration = body.cache_expiration();
        run.taskVersion = body.task_version();
        run.empiricalPolicy = body.empirical_policy() == null ? TaskRunPolicy.DEFAULTS : body.empirical_policy();
        run.taskInputs = body.task_inputs() == null ? mapper.createObjectNode() : mapper.valueToTree(body.task_inputs());
        run.labels = labels(body, flowRun);
        run.version = 1;
        return run;
    }

    /** The flow run's labels and id under the request's own (task-runs.md §3.1 step 2). */
    private ObjectNode labels(TaskRunCreate body, TaskRunRepository.FlowRunOfTask flowRun) {
        ObjectNode labels = mapper.createObjectNode();
        if (flowRun != null) {
            if (flowRun.labels() != null) {
                labels.setAll(flowRun.labels());
            }
            labels.put("prefect.flow-run.id", body.flow_run_id().toString());
        }
        if (body.labels() != null) {
            labels.setAll((ObjectNode) mapper.valueToTree(body.labels()));
        }
        return labels;
    }

    private SnapshotRecord snapshot(TaskRunEntity run, OffsetDateTime now) {
        return new SnapshotRecord(TOPIC, run.id().toString(), run.workspaceId(), run.version(),
                mapper.valueToTree(TaskRun.of(run, now)));
    }

    private static SnapshotRecord tombstone(UUID workspaceId, UUID id, long lastVersion) {
        return SnapshotRecord.tombstone(TOPIC, id.toString(), workspaceId, lastVersion + 1);
    }

    private List<TaskRun> taskRuns(List<TaskRunEntity> entities) {
        OffsetDateTime now = now();
        List<TaskRun> list = new ArrayList<>(entities.size());
        entities.forEach(run -> list.add(TaskRun.of(run, now)));
        return list;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
