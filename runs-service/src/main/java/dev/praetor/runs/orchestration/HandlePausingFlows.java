package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/**
 * Flow rule 11: only a running run can pause, each pause point ({@code pause_key}) fires once per run, and a
 * suspension ({@code pause_reschedule}: the run exits and is rescheduled later) needs a deployment to come back
 * through and is impossible for subflows. An accepted pause records its key.
 */
public class HandlePausingFlows extends OrchestrationRule<FlowOrchestrationContext> {
    private String pauseKey;

    public HandlePausingFlows() {
        super(StateTypeSet.ALL, StateTypeSet.of(StateType.PAUSED));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
        if (proposed == null) {
            return done();
        }
        String verb = "Suspended".equals(proposed.name()) ? "suspend" : "pause";
        if (initial == null) {
            abort("Cannot " + verb + " flows with no state.");
            return done();
        }
        if (!initial.hasType(StateType.RUNNING)) {
            reject(null, "Cannot " + verb + " flows that are not currently running.");
            return done();
        }
        pauseKey = proposed.state_details().pause_key() != null ? proposed.state_details().pause_key()
                : UUID.randomUUID().toString();
        if (ctx.run().empiricalPolicy().pause_keys().contains(pauseKey)) {
            reject(null, "This " + verb + " has already fired.");
            return done();
        }
        if (proposed.state_details().pause_reschedule()) {
            if (ctx.run().parentTaskRunId() != null) {
                abort("Cannot " + verb + " subflows.");
            } else if (ctx.run().deploymentId() == null) {
                abort("Cannot " + verb + " flows without a deployment.");
            }
        }
        return done();
    }

    @Override
    protected Uni<Void> afterTransition(State initial, State validated, FlowOrchestrationContext ctx) {
        ctx.run().setEmpiricalPolicy(ctx.run().empiricalPolicy().withPauseKey(pauseKey));
        return done();
    }
}
