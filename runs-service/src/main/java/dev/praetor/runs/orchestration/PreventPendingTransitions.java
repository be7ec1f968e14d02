package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Flow rule 6 (and the first background-task rule): a run that is already pending, running or cancelling/cancelled
 * may not become PENDING again — this is what stops two workers from submitting the same run. The exception is a
 * renamed PENDING sub-step ({@code Submitting}, {@code InfrastructurePending}), which keeps the scheduled time and the
 * concurrency lease of the current state.
 */
public class PreventPendingTransitions<C extends OrchestrationContext<?>> extends OrchestrationRule<C> {
    public PreventPendingTransitions() {
        super(StateTypeSet.of(StateType.PENDING, StateType.CANCELLING, StateType.RUNNING, StateType.CANCELLED),
                StateTypeSet.of(StateType.PENDING));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, C ctx) {
        if (initial == null || proposed == null) {
            return done();
        }
        boolean pendingSubStep = initial.hasType(StateType.PENDING) && proposed.hasType(StateType.PENDING)
                && !java.util.Objects.equals(initial.name(), proposed.name()) && !"Pending".equals(proposed.name());
        if (pendingSubStep) {
            ctx.setProposedState(proposed.withDetails(d -> d.scheduledTime(initial.state_details().scheduled_time())
                    .deploymentConcurrencyLeaseId(initial.state_details().deployment_concurrency_lease_id())));
            return done();
        }
        abort("This run is in a " + initial.type() + " state and cannot transition to a PENDING state.");
        return done();
    }
}
