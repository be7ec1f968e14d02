package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import io.smallrye.mutiny.Uni;

/**
 * Flow bookkeeping: {@code run_count} counts entries into RUNNING, except the one that continues a run resuming
 * from a pause (it is the same attempt). Without it a failing flow with retries would retry forever.
 */
public class IncrementFlowRunCount extends UniversalTransform<FlowOrchestrationContext> {
    @Override
    protected Uni<Void> beforeTransition(FlowOrchestrationContext ctx) {
        if (!ctx.proposedState().hasType(StateType.RUNNING)) {
            return done();
        }
        if (ctx.parameters().apiAtLeast084() && ctx.run().empiricalPolicy().resuming()) {
            return done();
        }
        ctx.run().setRunCount(ctx.run().runCount() + 1);
        return done();
    }
}
