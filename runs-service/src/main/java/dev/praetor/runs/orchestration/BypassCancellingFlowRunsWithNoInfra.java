package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Flow rule 5 (also in the minimal policy): CANCELLING exists so that a worker tears down infrastructure. A
 * scheduled run without infrastructure (no {@code infrastructure_pid}), a {@code Resuming} run, or a suspended run
 * has nothing to tear down, so it goes straight to CANCELLED.
 */
public class BypassCancellingFlowRunsWithNoInfra extends OrchestrationRule<FlowOrchestrationContext> {
    public BypassCancellingFlowRunsWithNoInfra() {
        super(StateTypeSet.of(StateType.SCHEDULED, StateType.PAUSED), StateTypeSet.of(StateType.CANCELLING));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        if (initial == null || proposed == null) {
            return done();
        }
        String pid = ctx.run().infrastructurePid();
        boolean noInfrastructure = pid == null || pid.isEmpty();
        if (initial.hasType(StateType.SCHEDULED) && noInfrastructure || "Resuming".equals(initial.name())) {
            reject(State.of(StateType.CANCELLED, null, null, ctx.now()),
                    "Scheduled flow run has no infrastructure to terminate.");
        } else if (initial.hasType(StateType.PAUSED) && initial.state_details().pause_reschedule()) {
            reject(State.of(StateType.CANCELLED, null, null, ctx.now()),
                    "Suspended flow run has no infrastructure to terminate.");
        }
        return done();
    }
}
