package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Background-task rule: a deferred task run that becomes SCHEDULED is queued for the task workers subscribed to its
 * task key ({@code AwaitingRetry} on the retry queue, which is served first).
 */
public class EnqueueScheduledTasks extends OrchestrationRule<TaskOrchestrationContext> {
    private final ScheduledTaskQueues queues;

    public EnqueueScheduledTasks(ScheduledTaskQueues queues) {
        super(StateTypeSet.ALL, StateTypeSet.of(StateType.SCHEDULED));
        this.queues = queues;
    }

    @Override
    protected Uni<Void> afterTransition(State initial, State validated, TaskOrchestrationContext ctx) {
        if (validated != null && Boolean.TRUE.equals(validated.state_details().deferred())) {
            queues.enqueue(ctx.workspaceId(), ctx.run().taskKey(), ctx.run().id(), "AwaitingRetry".equals(validated.name()));
        }
        return done();
    }
}
