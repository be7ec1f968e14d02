package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import io.smallrye.mutiny.Uni;

/** Flow bookkeeping: the {@code resuming} mark lasts until the run is RUNNING again or finished. */
public class RemoveResumingIndicator extends UniversalTransform<FlowOrchestrationContext> {
    @Override
    protected Uni<Void> beforeTransition(FlowOrchestrationContext ctx) {
        var proposed = ctx.proposedState();
        if (ctx.parameters().apiAtLeast084() && (proposed.hasType(StateType.RUNNING) || proposed.terminal())
                && ctx.run().empiricalPolicy().resuming()) {
            ctx.run().setEmpiricalPolicy(ctx.run().empiricalPolicy().withResuming(false));
        }
        return done();
    }
}
