package dev.praetor.runs.orchestration;

import dev.praetor.rest.errors.ObjectNotFoundException;
import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Task rule 9: a task that starts records which attempt of its flow run it belongs to ({@code flow_run_run_count}),
 * which is how {@link HandleTaskTerminalStateTransitions} recognises a flow retry.
 */
public class UpdateFlowRunTrackerOnTasks extends OrchestrationRule<TaskOrchestrationContext> {
    public UpdateFlowRunTrackerOnTasks() {
        super(StateTypeSet.ALL, StateTypeSet.of(StateType.RUNNING));
    }

    @Override
    protected Uni<Void> afterTransition(State initial, State validated, TaskOrchestrationContext ctx) {
        if (ctx.run().flowRunId() == null) {
            return done();
        }
        if (ctx.flowRun() == null) {
            return Uni.createFrom().failure(new ObjectNotFoundException("Unable to read flow run associated with task run: "
                    + ctx.run().id() + ", this flow run might have been deleted"));
        }
        ctx.run().setFlowRunRunCount(ctx.flowRun().runCount());
        return done();
    }
}
