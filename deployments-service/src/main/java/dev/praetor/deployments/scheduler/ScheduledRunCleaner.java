package dev.praetor.deployments.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.praetor.deployments.clients.FlowRunQueries;
import dev.praetor.deployments.clients.RunsClient;
import dev.praetor.deployments.deployments.DeploymentRepository;
import dev.praetor.deployments.deployments.DeploymentRepository.RunCleanup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Carries out pending deletions of scheduled runs (deployments.md §3.16) through runs-service: runs of the deployment
 * in a SCHEDULED-type state that never ran and are not waiting for a concurrency slot, optionally only auto-scheduled
 * ones and only those after the request time. A deletion is recorded in the transaction of the change that asked
 * for it and removed once runs-service has done it, so an outage delays it but never loses it.
 */
@ApplicationScoped
public class ScheduledRunCleaner {
    private static final Logger LOG = Logger.getLogger(ScheduledRunCleaner.class);
    private static final int PAGE = 200;

    @Inject
    DeploymentRepository deployments;

    @Inject
    RunsClient runs;

    /** Right after a change commits: its cleanups are tried at once; a failure is left to the scheduler's retries. */
    public Uni<Void> tryNow(UUID deploymentId) {
        return deployments.pendingCleanups(deployments.pool(), deploymentId, 100).flatMap(this::runAll)
                .onFailure().recoverWithUni(e -> {
                    LOG.debugf("Deleting scheduled runs of deployment %s failed (will be retried): %s", deploymentId, e);
                    return Uni.createFrom().voidItem();
                });
    }

    /** Every pending cleanup, oldest first (the scheduler's rounds); fails on the first that cannot be done. */
    Uni<Void> runPending(int limit) {
        return deployments.pendingCleanups(deployments.pool(), null, limit).flatMap(this::runAll);
    }

    private Uni<Void> runAll(List<RunCleanup> cleanups) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RunCleanup cleanup : cleanups) {
            chain = chain.chain(() -> deleteRuns(cleanup, 0)
                    .chain(() -> deployments.completeCleanup(deployments.pool(), cleanup.id())));
        }
        return chain;
    }

    /** Pages through the deployment's scheduled runs; {@code offset} skips the ones kept on earlier pages. */
    private Uni<Void> deleteRuns(RunCleanup cleanup, int offset) {
        FlowRunQueries query = FlowRunQueries.runs().deployments(List.of(cleanup.deploymentId())).stateTypes("SCHEDULED")
                .scheduledBetween(cleanup.futureOnly() ? cleanup.requestedAt() : null, null)
                .sortByNextScheduledStartTime().page(PAGE, offset);
        return runs.filterFlowRuns(cleanup.workspaceId(), query.body()).flatMap(page -> {
            List<UUID> doomed = selected(page, cleanup);
            int kept = page.size() - doomed.size();
            Uni<Void> deleted = doomed.isEmpty() ? Uni.createFrom().voidItem()
                    : runs.deleteFlowRuns(cleanup.workspaceId(), doomed);
            return page.size() < PAGE ? deleted : deleted.chain(() -> deleteRuns(cleanup, offset + kept));
        });
    }

    private static List<UUID> selected(ArrayNode page, RunCleanup cleanup) {
        List<UUID> ids = new ArrayList<>();
        for (JsonNode run : page) {
            boolean neverRan = run.path("run_count").asInt(0) == 0;
            boolean waitingForSlot = "AwaitingConcurrencySlot".equals(run.path("state_name").asText(null));
            boolean auto = run.path("auto_scheduled").asBoolean(false);
            if (neverRan && !waitingForSlot && (auto || !cleanup.autoScheduledOnly())) {
                ids.add(UUID.fromString(run.get("id").asText()));
            }
        }
        return ids;
    }
}
