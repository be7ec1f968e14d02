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
 * Late runs (work-pools.md §7.2): {@code Scheduled} runs more than {@code after-seconds} past their start become
 * {@code Late} (type SCHEDULED, the scheduled time kept) through the mark-late policy, up to 400 per round.
 */
@ApplicationScoped
public class LateRuns extends BackgroundService {
    static final int BATCH = 400;

    @Inject
    BackgroundRunsRepository repository;

    @Inject
    FlowRunService flowRuns;

    @ConfigProperty(name = "praetor.runs.late-runs.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "praetor.runs.late-runs.loop-seconds", defaultValue = "5")
    int loopSeconds;

    @ConfigProperty(name = "praetor.runs.late-runs.after-seconds", defaultValue = "15")
    int afterSeconds;

    @Override
    protected String name() {
        return "late-runs";
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
        OffsetDateTime dueBefore = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(afterSeconds);
        return repository.overdueScheduled(dueBefore, BATCH).flatMap(runs -> each(runs, run -> flowRuns
                .proposeFromServer(run.workspaceId(), run.id(), (current, now) -> {
                    State state = current.state();
                    OffsetDateTime due = current.nextScheduledStartTime();
                    boolean stillOverdue = state != null && state.hasType(StateType.SCHEDULED)
                            && "Scheduled".equals(state.name()) && due != null
                            && !due.isAfter(now.minusSeconds(afterSeconds));
                    return stillOverdue ? State.scheduled("Late", due, null, null, now) : null;
                }, ServerPolicy.MARK_LATE)
                .map(outcome -> outcome.filter(o -> o.result().status() == SetStateStatus.ACCEPT).isPresent())));
    }
}
