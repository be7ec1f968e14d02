package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Background-task rule: the id of a deferred task's stored parameters travels from SCHEDULED to PENDING to RUNNING
 * unless the proposal brings its own (the task worker reads the parameters by it).
 */
public class CopyTaskParametersID extends OrchestrationRule<TaskOrchestrationContext> {
    public CopyTaskParametersID() {
        super(StateTypeSet.of(StateType.SCHEDULED, StateType.PENDING), StateTypeSet.of(StateType.PENDING, StateType.RUNNING));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, TaskOrchestrationContext ctx) {
        if (initial != null && proposed != null && proposed.state_details().task_parameters_id() == null) {
            ctx.setProposedState(proposed.withDetails(d -> d.taskParametersId(initial.state_details().task_parameters_id())));
        }
        return done();
    }
}
