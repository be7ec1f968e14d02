package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/** Bookkeeping: time spent in RUNNING accumulates in {@code total_run_time} when the run leaves RUNNING. */
public class IncrementRunTime<C extends OrchestrationContext<?>> extends UniversalTransform<C> {
    @Override
    protected Uni<Void> beforeTransition(C ctx) {
        OrchestratedRun run = ctx.run();
        State proposed = ctx.proposedState();
        State initial = ctx.initialState();
        if (initial != null && initial.hasType(StateType.RUNNING)) {
            double seconds = java.time.temporal.ChronoUnit.MICROS.between(initial.timestamp(), proposed.timestamp()) / 1e6;
            run.setTotalRunTime(run.totalRunTime() + seconds);
        }
        return done();
    }
}
