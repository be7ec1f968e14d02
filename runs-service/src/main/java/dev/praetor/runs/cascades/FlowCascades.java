package dev.praetor.runs.cascades;

import dev.praetor.events.Outbox;
import dev.praetor.events.SnapshotRecord;
import dev.praetor.runs.cascades.FlowCascadeRepository.DoomedRun;
import dev.praetor.runs.flowruns.FlowRunService;
import dev.praetor.runs.orchestration.DeploymentConcurrency;
import dev.praetor.runs.taskruns.TaskRunService;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deleting a flow deletes its runs (flows.md §2.8: Prefect's foreign keys cascade). Each run goes the way
 * {@code DELETE /flow_runs/{id}} takes it: a deployment slot it held is released, subflows of its task runs are
 * detached (new snapshots), its task runs (states cascade) and their logs, its states and inputs (cascade) and its
 * own logs are deleted, and the tombstones go to the outbox in the same transaction. Prefect leaves the logs of a
 * deleted flow's runs behind; we delete them too, so nothing is orphaned.
 *
 * <p>A flow may have very many runs: they go in chunks of {@code praetor.cascades.chunk-size}, one transaction per
 * chunk, a fixed number of statements per chunk. Every step is idempotent, so a cascade interrupted half-way is
 * finished by the next attempt.
 */
@ApplicationScoped
public class FlowCascades {
    /** The states in which a deployment run holds a slot of its deployment's limit (as {@code FlowRunService}). */
    private static final Set<String> HOLDING_A_DEPLOYMENT_SLOT = Set.of("PENDING", "RUNNING", "CANCELLING");

    @Inject
    FlowCascadeRepository repository;

    @Inject
    FlowRunService flowRuns;

    @Inject
    TaskRunService taskRuns;

    @Inject
    DeploymentConcurrency deployments;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "praetor.cascades.chunk-size", defaultValue = "200")
    int chunkSize;

    /** Deletes every run of the flow in the workspace; returns how many were deleted. */
    public Uni<Long> deleteRunsOfFlow(UUID workspaceId, UUID flowId) {
        return deleteChunks(workspaceId, flowId, 0L);
    }

    private Uni<Long> deleteChunks(UUID workspaceId, UUID flowId, long deletedSoFar) {
        return repository.pool().withTransaction(tx -> deleteChunk(tx, workspaceId, flowId)).chain(deleted -> deleted == 0
                ? Uni.createFrom().item(deletedSoFar)
                : deleteChunks(workspaceId, flowId, deletedSoFar + deleted));
    }

    /** One chunk, in the caller's transaction; returns how many runs it deleted (0: none left). */
    Uni<Integer> deleteChunk(SqlConnection tx, UUID workspaceId, UUID flowId) {
        return repository.lockRunsOfFlow(tx, workspaceId, flowId, chunkSize).chain(runs -> {
            if (runs.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            UUID[] runIds = runs.stream().map(DoomedRun::id).toArray(UUID[]::new);
            List<SnapshotRecord> facts = new ArrayList<>();
            return releaseDeploymentSlots(tx, workspaceId, runs)
                    .chain(() -> repository.lockTaskRunsOf(tx, workspaceId, runIds))
                    .call(taskRunIds -> flowRuns.detachSubflows(tx, workspaceId, taskRunIds, facts))
                    .call(taskRunIds -> taskRuns.deleteTaskRuns(tx, workspaceId, taskRunIds, facts))
                    .chain(() -> repository.deleteRuns(tx, workspaceId, runIds))
                    .call(() -> repository.deleteLogsOfRuns(tx, workspaceId, runIds))
                    .chain(deleted -> {
                        // the version returned by the delete includes a bump by a detach in this very chunk
                        deleted.forEach((id, version) -> facts.add(SnapshotRecord.tombstone(FlowRunService.TOPIC,
                                id.toString(), workspaceId, version + 1)));
                        return outbox.appendAll(tx, facts).replaceWith(deleted.size());
                    });
        });
    }

    /** Only runs in a slot-holding state are looked at: few per flow (bounded by the deployments' limits). */
    private Uni<Void> releaseDeploymentSlots(SqlConnection tx, UUID workspaceId, List<DoomedRun> runs) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DoomedRun run : runs) {
            if (run.deploymentId() == null || !HOLDING_A_DEPLOYMENT_SLOT.contains(run.stateType())) {
                continue;
            }
            chain = chain.chain(() -> deployments.limitOf(tx, workspaceId, run.deploymentId()).chain(limit -> limit
                    .filter(DeploymentConcurrency.Limit::configured)
                    .map(l -> deployments.releaseSlot(tx, workspaceId, l.concurrencyLimitId()))
                    .orElse(Uni.createFrom().voidItem())));
        }
        return chain;
    }
}
