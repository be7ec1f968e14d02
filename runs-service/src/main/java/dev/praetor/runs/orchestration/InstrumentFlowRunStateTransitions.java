package dev.praetor.runs.orchestration;

import io.smallrye.mutiny.Uni;

/**
 * Flow rule 16: every written flow-run state becomes the event {@code prefect.flow-run.<state name>} on the
 * {@code events} topic, committed with the state (automations, the UI's event feed and the client's cancellation
 * observers depend on it).
 */
public class InstrumentFlowRunStateTransitions extends UniversalTransform<FlowOrchestrationContext> {
    @Override
    protected Uni<Void> afterTransition(FlowOrchestrationContext ctx) {
        if (ctx.validatedState() != null) {
            ctx.publish(FlowRunStateChangeEvent.of(ctx.workspaceId(), ctx.run(), ctx.initialState(), ctx.validatedState()));
        }
        return done();
    }
}
