package dev.praetor.runs.orchestration;

import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/** Bookkeeping: the run's {@code state_timestamp} (used for estimated run times) is the new state's timestamp. */
public class SetRunStateTimestamp<C extends OrchestrationContext<?>> extends UniversalTransform<C> {
    @Override
    protected Uni<Void> beforeTransition(C ctx) {
        OrchestratedRun run = ctx.run();
        State proposed = ctx.proposedState();
        run.setStateTimestamp(proposed.timestamp());
        return done();
    }
}
