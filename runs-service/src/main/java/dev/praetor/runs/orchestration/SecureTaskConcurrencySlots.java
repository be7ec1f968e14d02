package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Task rule 4: a task with tags takes a slot on every concurrency limit of its tags before it runs; a full limit
 * makes the client wait, a limit of 0 aborts (it would never admit the task). Cleanup gives the slots back if a
 * later rule changes the transition. The limits themselves live behind {@link TaskConcurrencySlots}.
 */
public class SecureTaskConcurrencySlots extends OrchestrationRule<TaskOrchestrationContext> {
    private final TaskConcurrencySlots slots;
    private boolean acquired;

    public SecureTaskConcurrencySlots(TaskConcurrencySlots slots) {
        super(StateTypeSet.ALL, StateTypeSet.of(StateType.RUNNING));
        this.slots = slots;
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, TaskOrchestrationContext ctx) {
        if (ctx.run().tags().isEmpty()) {
            return done();
        }
        return slots.acquire(ctx.connection(), ctx.workspaceId(), ctx.run().id(), ctx.run().tags()).invoke(decision -> {
            if (decision instanceof TaskConcurrencySlots.Decision.Wait wait) {
                delay(wait.delaySeconds(), wait.reason());
            } else if (decision instanceof TaskConcurrencySlots.Decision.Abort abort) {
                abort(abort.reason());
            } else {
                acquired = true;
            }
        }).replaceWithVoid();
    }

    @Override
    protected Uni<Void> cleanup(State initial, State validated, TaskOrchestrationContext ctx) {
        return acquired ? slots.release(ctx.connection(), ctx.workspaceId(), ctx.run().id(), ctx.run().tags()) : done();
    }
}
