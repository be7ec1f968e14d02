package dev.praetor.runs.orchestration;

import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/** Bookkeeping: the run's {@code state_type} is the type of the state being written. */
public class SetRunStateType<C extends OrchestrationContext<?>> extends UniversalTransform<C> {
    @Override
    protected Uni<Void> beforeTransition(C ctx) {
        OrchestratedRun run = ctx.run();
        State proposed = ctx.proposedState();
        run.setStateType(proposed.type());
        return done();
    }
}
