package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import io.smallrye.mutiny.Uni;

/** Task rule 11: a task leaving the running phase (any type but RUNNING/CANCELLING) gives its tag slots back. */
public class ReleaseTaskConcurrencySlots extends UniversalTransform<TaskOrchestrationContext> {
    private final TaskConcurrencySlots slots;

    public ReleaseTaskConcurrencySlots(TaskConcurrencySlots slots) {
        this.slots = slots;
    }

    @Override
    protected Uni<Void> afterTransition(TaskOrchestrationContext ctx) {
        StateType written = ctx.validatedState() == null ? null : ctx.validatedState().type();
        if (written == null || written == StateType.RUNNING || written == StateType.CANCELLING || ctx.run().tags().isEmpty()) {
            return done();
        }
        return slots.release(ctx.connection(), ctx.workspaceId(), ctx.run().id(), ctx.run().tags());
    }
}
