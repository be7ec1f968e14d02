package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Flow rule 13 / task rule 5: a run leaving SCHEDULED for PENDING keeps its scheduled time unless the proposal brings
 * its own (so {@link WaitForScheduledTime} still applies at RUNNING).
 */
public class CopyScheduledTime<C extends OrchestrationContext<?>> extends OrchestrationRule<C> {
    public CopyScheduledTime() {
        super(StateTypeSet.of(StateType.SCHEDULED), StateTypeSet.of(StateType.PENDING));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, C ctx) {
        if (initial != null && proposed != null && proposed.state_details().scheduled_time() == null) {
            ctx.setProposedState(proposed.withDetails(d -> d.scheduledTime(initial.state_details().scheduled_time())));
        }
        return done();
    }
}
