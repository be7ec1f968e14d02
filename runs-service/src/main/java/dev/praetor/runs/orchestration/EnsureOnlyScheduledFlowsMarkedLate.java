package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/** Flow rule 10: only a scheduled run that is not already late can be marked {@code Late}. */
public class EnsureOnlyScheduledFlowsMarkedLate extends OrchestrationRule<FlowOrchestrationContext> {
    public EnsureOnlyScheduledFlowsMarkedLate() {
        super(StateTypeSet.ALL, StateTypeSet.of(StateType.SCHEDULED));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        if (initial == null || proposed == null || !"Late".equals(proposed.name())) {
            return done();
        }
        if (!initial.hasType(StateType.SCHEDULED)) {
            reject(null, "Only scheduled flows can be marked late.");
        } else if ("Late".equals(initial.name())) {
            reject(null, "This flow run is already marked late.");
        }
        return done();
    }
}
