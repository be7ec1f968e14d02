package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Flow rule 4: once cancelling, a run may only become CANCELLED (a cancelling run that reports COMPLETED, FAILED
 * or CRASHED stays CANCELLING until its infrastructure is torn down).
 */
public class EnforceCancellingToCancelledTransition extends OrchestrationRule<FlowOrchestrationContext> {
    public EnforceCancellingToCancelledTransition() {
        super(StateTypeSet.of(StateType.CANCELLING), StateTypeSet.allExcept(StateType.CANCELLED));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        reject(null, "Cannot transition flows that are cancelling to a state other than Cancelled.");
        return done();
    }
}
