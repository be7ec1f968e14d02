package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/** Bookkeeping: {@code start_time} is when the run first entered RUNNING. */
public class SetStartTime<C extends OrchestrationContext<?>> extends UniversalTransform<C> {
    @Override
    protected Uni<Void> beforeTransition(C ctx) {
        OrchestratedRun run = ctx.run();
        State proposed = ctx.proposedState();
        if (proposed.hasType(StateType.RUNNING) && run.startTime() == null) {
            run.setStartTime(proposed.timestamp());
        }
        return done();
    }
}
