package dev.praetor.runs.background;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunService;
import dev.praetor.runs.flowruns.FlowRunService.ServerPolicy;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pause expirations (states-and-orchestration.md §10): a paused run whose {@code pause_timeout} has passed is forced
 * to {@code Failed} with "The flow was paused and never resumed.".
 */
@ApplicationScoped
public class PauseExpirations extends BackgroundService {
    static final String MESSAGE = "The flow was paused and never resumed.";
    static final int BATCH = 200;

    @Inject
    BackgroundRunsRepository repository;

    @Inject
    FlowRunService flowRuns;

    @ConfigProperty(name = "praetor.runs.pause-expirations.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "praetor.runs.pause-expirations.loop-seconds", defaultValue = "5")
    int loopSeconds;

    @Override
    protected String name() {
        return "pause-expirations";
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
        return repository.expiredPauses(OffsetDateTime.now(ZoneOffset.UTC), BATCH).flatMap(runs -> each(runs, run -> flowRuns
                .proposeFromServer(run.workspaceId(), run.id(), (current, now) -> {
                    State state = current.state();
                    OffsetDateTime timeout = state == null ? null : state.state_details().pause_timeout();
                    boolean expired = state != null && state.hasType(StateType.PAUSED) && timeout != null
                            && timeout.isBefore(now);
                    return expired ? State.of(StateType.FAILED, "Failed", MESSAGE, now) : null;
                }, ServerPolicy.FORCED)
                .map(outcome -> outcome.filter(o -> o.result().status() == SetStateStatus.ACCEPT).isPresent())));
    }
}
