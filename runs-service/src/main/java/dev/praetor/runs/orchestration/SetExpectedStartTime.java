package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/** Bookkeeping: {@code expected_start_time} is set once, by the first state: its scheduled time if SCHEDULED, else its timestamp. */
public class SetExpectedStartTime<C extends OrchestrationContext<?>> extends UniversalTransform<C> {
    @Override
    protected Uni<Void> beforeTransition(C ctx) {
        OrchestratedRun run = ctx.run();
        State proposed = ctx.proposedState();
        if (run.expectedStartTime() == null) {
            run.setExpectedStartTime(proposed.hasType(StateType.SCHEDULED) ? proposed.state_details().scheduled_time()
                    : proposed.timestamp());
        }
        return done();
    }
}
