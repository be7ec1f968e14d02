package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/** Bookkeeping: {@code next_scheduled_start_time} is the scheduled time while the run is SCHEDULED, null otherwise. */
public class SetNextScheduledStartTime<C extends OrchestrationContext<?>> extends UniversalTransform<C> {
    @Override
    protected Uni<Void> beforeTransition(C ctx) {
        OrchestratedRun run = ctx.run();
        State proposed = ctx.proposedState();
        if (ctx.initialState() != null && ctx.initialState().hasType(StateType.SCHEDULED)) {
            run.setNextScheduledStartTime(null);
        }
        if (proposed.hasType(StateType.SCHEDULED)) {
            run.setNextScheduledStartTime(proposed.state_details().scheduled_time());
        }
        return done();
    }
}
