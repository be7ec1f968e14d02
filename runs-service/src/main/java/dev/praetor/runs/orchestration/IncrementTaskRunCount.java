package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import io.smallrye.mutiny.Uni;

/** Task bookkeeping: {@code run_count} counts entries into RUNNING (what the retry rules compare against). */
public class IncrementTaskRunCount extends UniversalTransform<TaskOrchestrationContext> {
    @Override
    protected Uni<Void> beforeTransition(TaskOrchestrationContext ctx) {
        if (ctx.proposedState().hasType(StateType.RUNNING)) {
            ctx.run().setRunCount(ctx.run().runCount() + 1);
        }
        return done();
    }
}
