package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateDetails;
import dev.praetor.runs.taskruns.TaskRunEntity;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Builds runs and transitions for rule tests, and runs a transition through a hand-picked list of steps. */
final class Transitions {
    static final UUID WORKSPACE = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final OrchestrationParameters LATEST = OrchestrationParameters.SERVER;

    private Transitions() {
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    static State state(StateType type) {
        return State.of(type, null, null, now());
    }

    static State state(StateType type, String name) {
        return State.of(type, name, null, now());
    }

    static State state(StateType type, UnaryOperator<StateDetails.Builder> details) {
        return State.of(type, null, null, now()).withDetails(details);
    }

    /** A state written {@code ago} before now. */
    static State stateAgo(StateType type, Duration ago) {
        return state(type).withTimestamp(now().minus(ago));
    }

    static FlowRunEntity flowRun(State current) {
        return FlowRunEntity.create(UUID.randomUUID(), WORKSPACE, UUID.randomUUID(), "jolly-heron", List.of("etl"))
                .withState(current);
    }

    static TaskRunEntity taskRun(UUID flowRunId, State current) {
        return TaskRunEntity.create(UUID.randomUUID(), WORKSPACE, flowRunId, "extract-0", List.of()).withState(current);
    }

    static FlowOrchestrationContext flow(FlowRunEntity run, State proposed) {
        return flow(run, proposed, LATEST);
    }

    static FlowOrchestrationContext flow(FlowRunEntity run, State proposed, OrchestrationParameters parameters) {
        OffsetDateTime latest = run.state() == null ? null : run.state().timestamp();
        return new FlowOrchestrationContext(WORKSPACE, null, run, latest, proposed, parameters, Clock.systemUTC(),
                new ArrayList<>());
    }

    static TaskOrchestrationContext task(TaskRunEntity run, EnclosingFlowRun flowRun, State proposed) {
        return new TaskOrchestrationContext(WORKSPACE, null, run, flowRun, proposed, LATEST, Clock.systemUTC(),
                new ArrayList<>());
    }

    /** Runs the transition through {@code steps} (no global bookkeeping) and returns the finished context. */
    @SafeVarargs
    static <C extends OrchestrationContext<?>> C apply(C ctx, Supplier<? extends PolicyStep<C>>... steps) {
        return Orchestrator.orchestrate(ctx, new Policy<>("test", List.of(steps)), new Policy<>("none", List.of()))
                .await().indefinitely();
    }

    /** Runs the transition through a policy and a global policy. */
    static <C extends OrchestrationContext<?>> C apply(C ctx, Policy<C> policy, Policy<C> global) {
        return Orchestrator.orchestrate(ctx, policy, global).await().indefinitely();
    }
}
