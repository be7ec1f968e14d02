package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import dev.praetor.runs.taskruns.TaskRunPolicy;
import io.smallrye.mutiny.Uni;

/**
 * Task rule 7: a retriable failure with retries left becomes {@code AwaitingRetry} (SCHEDULED at now + the retry
 * delay, keeping the failure's message and data). A list of delays gives one per attempt; a jitter factor spreads
 * the delay randomly around its base. {@code retriable: false} on the proposal opts out.
 */
public class RetryFailedTasks extends OrchestrationRule<TaskOrchestrationContext> {
    public RetryFailedTasks() {
        super(StateTypeSet.of(StateType.RUNNING), StateTypeSet.of(StateType.FAILED));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, TaskOrchestrationContext ctx) {
        if (initial == null || proposed == null || Boolean.FALSE.equals(proposed.state_details().retriable())) {
            return done();
        }
        TaskRunPolicy policy = ctx.run().empiricalPolicy();
        int runCount = ctx.run().runCount();
        if (policy.retries() == null || runCount > policy.retries()) {
            return done();
        }
        double delay = policy.baseDelaySeconds(runCount);
        Double jitter = policy.retry_jitter_factor();
        if (jitter != null && jitter > 0 && delay > 0) {
            delay = PoissonIntervals.clamped(delay, jitter);
        }
        var scheduledTime = ctx.now().plusNanos(Math.round(delay * 1_000_000) * 1000L);
        reject(State.scheduled("AwaitingRetry", scheduledTime, proposed.message(), proposed.data(), ctx.now()), "Retrying");
        return done();
    }
}
