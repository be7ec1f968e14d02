package dev.praetor.runs.orchestration;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** Flow bookkeeping: a subflow's states name the parent flow's placeholder task run ({@code task_run_id}). */
public class UpdateSubflowStateDetails extends UniversalTransform<FlowOrchestrationContext> {
    @Override
    protected Uni<Void> beforeTransition(FlowOrchestrationContext ctx) {
        UUID parent = ctx.run().parentTaskRunId();
        if (parent != null) {
            ctx.setProposedState(ctx.proposedState().withDetails(d -> d.taskRunId(parent)));
        }
        return done();
    }
}
