package dev.praetor.runs.orchestration;

import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/** Bookkeeping: {@code end_time} is when the run entered a terminal state (and {@code start_time} too if it never ran); leaving a terminal state (only possible by force or retry) clears it. */
public class SetEndTime<C extends OrchestrationContext<?>> extends UniversalTransform<C> {
    @Override
    protected Uni<Void> beforeTransition(C ctx) {
        OrchestratedRun run = ctx.run();
        State proposed = ctx.proposedState();
        State initial = ctx.initialState();
        if (initial != null && initial.terminal() && !proposed.terminal()) {
            run.setEndTime(null);
        }
        if (proposed.terminal() && run.endTime() == null) {
            if (run.startTime() == null) {
                run.setStartTime(proposed.timestamp());
            }
            run.setEndTime(proposed.timestamp());
        }
        return done();
    }
}
