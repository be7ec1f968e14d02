package dev.praetor.runs.orchestration;

import io.smallrye.mutiny.Uni;

/**
 * Bookkeeping: the written state names its run ({@code flow_run_id}; for task states also {@code task_run_id} and
 * the task's flow run).
 */
public class UpdateStateDetails<C extends OrchestrationContext<?>> extends UniversalTransform<C> {
    @Override
    protected Uni<Void> beforeTransition(C ctx) {
        ctx.applyRunLinks();
        return done();
    }
}
