package dev.praetor.runs.background;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunService;
import dev.praetor.runs.flowruns.FlowRunService.ServerPolicy;
import dev.praetor.runs.orchestration.OrchestrationParameters;
import dev.praetor.runs.states.SetStateRequest;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateCreate;
import dev.praetor.runs.taskruns.TaskRunService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Cancellation cleanup (states-and-orchestration.md §10), in three steps per round:
 * <ol>
 *   <li>a run still CANCELLING {@code cancelling-timeout-seconds} after entering it is proposed {@code Cancelled}
 *   (its infrastructure never confirmed);</li>
 *   <li>unfinished task runs of flow runs cancelled within a day are forced to {@code Cancelled};</li>
 *   <li>unfinished subflows of a cancelled flow run are proposed {@code Cancelling} (a deployment's run: its worker
 *   must stop it) or {@code Cancelled}.</li>
 * </ol>
 */
@ApplicationScoped
public class CancellationCleanup extends BackgroundService {
    static final String TIMED_OUT = "Flow run cancellation timed out; marked this flow run as Cancelled.";
    static final String PARENT_CANCELLED = "The parent flow run was cancelled.";
    static final int BATCH = 200;

    @Inject
    BackgroundRunsRepository repository;

    @Inject
    FlowRunService flowRuns;

    @Inject
    TaskRunService taskRuns;

    @ConfigProperty(name = "praetor.runs.cancellation-cleanup.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "praetor.runs.cancellation-cleanup.loop-seconds", defaultValue = "20")
    int loopSeconds;

    @ConfigProperty(name = "praetor.runs.cancellation-cleanup.cancelling-timeout-seconds", defaultValue = "300")
    int cancellingTimeoutSeconds;

    @Override
    protected String name() {
        return "cancellation-cleanup";
    }

    @Override
    protected Duration period() {
        return Duration.ofSeconds(loopSeconds);
    }

    @Override
    protected boolean enabled() {
        return enabled;
    }

    @Override
    protected BackgroundRunsRepository repository() {
        return repository;
    }

    @Override
    public Uni<Integer> round() {
        return timeOutCancelling().flatMap(timedOut -> cancelTasks().flatMap(tasks -> cancelSubflows()
                .map(subflows -> timedOut + tasks + subflows)));
    }

    private Uni<Integer> timeOutCancelling() {
        OffsetDateTime enteredBefore = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(cancellingTimeoutSeconds);
        return repository.staleCancelling(enteredBefore, BATCH).flatMap(runs -> each(runs, run -> flowRuns
                .proposeFromServer(run.workspaceId(), run.id(), (current, now) -> {
                    State state = current.state();
                    boolean stale = state != null && state.hasType(StateType.CANCELLING)
                            && !state.timestamp().isAfter(now.minusSeconds(cancellingTimeoutSeconds));
                    return stale ? State.of(StateType.CANCELLED, "Cancelled", TIMED_OUT, now) : null;
                }, ServerPolicy.CORE)
                .map(CancellationCleanup::accepted)));
    }

    private Uni<Integer> cancelTasks() {
        OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1);
        SetStateRequest cancel = new SetStateRequest(
                new StateCreate(StateType.CANCELLED, "Cancelled", PARENT_CANCELLED, null, null), true);
        return repository.unfinishedTasksOfCancelledRuns(since, BATCH).flatMap(runs -> each(runs, run -> taskRuns
                .setState(run.workspaceId(), run.id(), cancel, OrchestrationParameters.SERVER)
                .map(outcome -> outcome.result().status() == SetStateStatus.ACCEPT)));
    }

    private Uni<Integer> cancelSubflows() {
        return repository.unfinishedSubflowsOfCancelledRuns(BATCH).flatMap(runs -> each(runs, run -> flowRuns
                .proposeFromServer(run.workspaceId(), run.id(), (current, now) -> {
                    State state = current.state();
                    if (state == null || state.terminal()) {
                        return null;
                    }
                    return current.deploymentId() != null
                            ? State.of(StateType.CANCELLING, "Cancelling", PARENT_CANCELLED, now)
                            : State.of(StateType.CANCELLED, "Cancelled", PARENT_CANCELLED, now);
                }, ServerPolicy.CORE)
                .map(CancellationCleanup::accepted)));
    }

    private static boolean accepted(java.util.Optional<dev.praetor.runs.states.SetStateOutcome> outcome) {
        return outcome.filter(o -> o.result().status() == SetStateStatus.ACCEPT).isPresent();
    }
}
