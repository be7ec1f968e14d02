package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one transition through a policy and the global bookkeeping (states-and-orchestration.md §3): before-hooks in
 * order (policy, then global), the write step, after-hooks in reverse. Storing the result is the caller's job: it
 * writes {@link OrchestrationContext#validatedState()} when {@link OrchestrationContext#stateWritten()}, the run when
 * it {@link OrchestratedRun#changed()}, and the collected change facts, all in the transaction that locked the run.
 */
public final class Orchestrator {
    private Orchestrator() {
    }

    public static <C extends OrchestrationContext<?>> Uni<C> orchestrate(C ctx, Policy<C> policy, Policy<C> global) {
        StateType from = ctx.initialStateType();
        StateType to = ctx.proposedStateType();
        List<PolicyStep<C>> steps = new ArrayList<>(policy.compile(from, to));
        steps.addAll(global.compile(from, to));

        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PolicyStep<C> step : steps) {
            chain = chain.chain(() -> step.enter(ctx, from, to));
        }
        chain = chain.invoke(ctx::validate);
        for (int i = steps.size() - 1; i >= 0; i--) {
            PolicyStep<C> step = steps.get(i);
            chain = chain.chain(() -> step.exit(ctx));
        }
        return chain.chain(() -> ctx.orchestrationError() == null
                ? Uni.createFrom().item(ctx)
                : Uni.createFrom().failure(ctx.orchestrationError()));
    }
}
