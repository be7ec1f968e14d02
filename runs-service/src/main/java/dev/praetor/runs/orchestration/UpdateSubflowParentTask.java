package dev.praetor.runs.orchestration;

import io.smallrye.mutiny.Uni;

/**
 * Flow bookkeeping: every state a subflow run writes is mirrored, as a fresh copy naming the subflow
 * ({@code child_flow_run_id}), onto the parent flow's placeholder task run. Without it the placeholder stays
 * {@code Pending} forever and parent retries re-attach to failed children.
 */
public class UpdateSubflowParentTask extends UniversalTransform<FlowOrchestrationContext> {
    private final SubflowParentTasks parentTasks;

    public UpdateSubflowParentTask(SubflowParentTasks parentTasks) {
        this.parentTasks = parentTasks;
    }

    @Override
    protected Uni<Void> afterTransition(FlowOrchestrationContext ctx) {
        if (ctx.run().parentTaskRunId() == null || ctx.validatedState() == null) {
            return done();
        }
        var mirrored = ctx.validatedState().freshCopy(ctx.now()).withDetails(d -> d.childFlowRunId(ctx.run().id()));
        return parentTasks.mirror(ctx, ctx.run().parentTaskRunId(), mirrored);
    }
}
