package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunPolicy;
import dev.praetor.runs.flowruns.FlowRunPolicy.RetryType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import java.util.Set;

/**
 * Flow rule 15: a failure with retries left becomes {@code AwaitingRetry} (SCHEDULED at now + {@code retry_delay},
 * keeping the failure's message and result data) and the run is marked as retrying in process. Since
 * {@code run_count} counts entries into RUNNING, a run makes {@code retries + 1} attempts.
 *
 * <p>Not reproduced: for requests declaring API versions older than 0.8.3, Prefect also forced the flow's failed
 * task runs back to {@code AwaitingRetry}; every client that speaks to Praetor sends 0.8.4 or newer.
 */
public class RetryFailedFlows extends OrchestrationRule<FlowOrchestrationContext> {
    public RetryFailedFlows() {
        super(StateTypeSet.of(StateType.RUNNING), StateTypeSet.of(StateType.FAILED));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        if (initial == null || proposed == null) {
            return done();
        }
        FlowRunPolicy policy = ctx.run().empiricalPolicy();
        if (policy.retries() == null || ctx.run().runCount() > policy.retries()) {
            ctx.run().setEmpiricalPolicy(policy.withRetryType(null));
            return done();
        }
        var scheduledTime = ctx.now().plusSeconds(policy.retry_delay() == null ? 0 : policy.retry_delay());
        if (ctx.parameters().apiAtLeast084()) {
            ctx.run().setEmpiricalPolicy(policy.withResuming(false).withPauseKeys(Set.of()).withRetryType(RetryType.IN_PROCESS));
        }
        reject(State.scheduled("AwaitingRetry", scheduledTime, proposed.message(), proposed.data(), ctx.now()), "Retrying");
        return done();
    }
}
