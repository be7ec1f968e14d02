package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateDetails;
import io.smallrye.mutiny.Uni;

/**
 * Task rule 3: a task of a flow run may only run while that flow run is RUNNING. If the flow is paused the task is
 * parked in {@code Paused "NotReady"} (with the flow's pause timeout), otherwise it is aborted.
 */
public class PreventRunningTasksFromStoppedFlows extends OrchestrationRule<TaskOrchestrationContext> {
    static final String FLOW_MUST_RUN = "The enclosing flow must be running to begin task execution.";

    public PreventRunningTasksFromStoppedFlows() {
        super(StateTypeSet.ALL, StateTypeSet.of(StateType.RUNNING));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, TaskOrchestrationContext ctx) {
        EnclosingFlowRun flowRun = ctx.flowRun();
        if (flowRun == null) {
            return done();
        }
        State flowState = flowRun.state();
        if (flowState == null) {
            abort(FLOW_MUST_RUN);
        } else if (flowState.hasType(StateType.PAUSED)) {
            StateDetails details = StateDetails.builder().pauseTimeout(flowState.state_details().pause_timeout())
                    .pauseReschedule(flowState.state_details().pause_reschedule()).build();
            reject(State.create(StateType.PAUSED, "NotReady", null, null, details, ctx.now()),
                    "The flow is paused, new tasks can execute after resuming flow run: " + flowRun.id() + ".");
        } else if (!flowState.hasType(StateType.RUNNING)) {
            abort(FLOW_MUST_RUN);
        }
        return done();
    }
}
