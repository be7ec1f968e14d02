package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/** Task rule 8: a run entering RUNNING again is named {@code Retrying} after {@code AwaitingRetry}, else {@code Rerunning}. */
public class RenameReruns<C extends OrchestrationContext<?>> extends OrchestrationRule<C> {
    public RenameReruns() {
        super(StateTypeSet.ALL, StateTypeSet.of(StateType.RUNNING));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, C ctx) {
        if (initial != null && proposed != null && ctx.run().runCount() > 0) {
            rename("AwaitingRetry".equals(initial.name()) ? "Retrying" : "Rerunning");
        }
        return done();
    }
}
