package dev.praetor.runs.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import java.util.EnumSet;
import java.util.Set;

/**
 * Task rule 2: a finished task may not be cancelled, paused or crashed afterwards, and a completed task with a
 * persisted result is not re-run. Leaving a terminal state for a non-terminal one resets {@code run_count} (so
 * retries start over, e.g. when the flow retries); a task starting again while its flow run is on a later attempt
 * is renamed {@code Retrying}. The reset is undone if a later rule changes the transition.
 */
public class HandleTaskTerminalStateTransitions extends OrchestrationRule<TaskOrchestrationContext> {
    private static final Set<StateType> NOT_AFTER_THE_END = EnumSet.of(StateType.CANCELLING, StateType.PAUSED,
            StateType.CRASHED);
    private Integer originalRunCount;

    public HandleTaskTerminalStateTransitions() {
        super(StateTypeSet.TERMINAL, StateTypeSet.ALL);
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, TaskOrchestrationContext ctx) {
        if (initial == null || proposed == null) {
            return done();
        }
        originalRunCount = ctx.run().runCount();
        if (NOT_AFTER_THE_END.contains(proposed.type())) {
            abort("Run is already " + initial.type() + ".");
            return done();
        }
        if (initial.hasType(StateType.COMPLETED) && holdsPersistedResult(initial.data())) {
            reject(null, "This run is already completed.");
            return done();
        }
        if (!proposed.terminal()) {
            ctx.run().setRunCount(0);
        }
        EnclosingFlowRun flowRun = ctx.flowRun();
        if (proposed.hasType(StateType.RUNNING) && flowRun != null && ctx.run().flowRunRunCount() < flowRun.runCount()) {
            rename("Retrying");
        }
        return done();
    }

    /**
     * Prefect tests the data for truthiness, then reads its {@code type} (which fails with a 500 for non-objects);
     * any other non-empty value is treated as persisted here.
     */
    private static boolean holdsPersistedResult(JsonNode data) {
        if (data == null || data.isNull()) {
            return false;
        }
        if (data.isObject()) {
            return !data.isEmpty() && !"unpersisted".equals(data.path("type").asText(null));
        }
        if (data.isArray() || data.isTextual()) {
            return !data.isEmpty() && !(data.isTextual() && data.textValue().isEmpty());
        }
        if (data.isNumber()) {
            return data.asDouble() != 0;
        }
        return data.asBoolean();
    }

    @Override
    protected Uni<Void> cleanup(State initial, State validated, TaskOrchestrationContext ctx) {
        if (originalRunCount != null && originalRunCount != ctx.run().runCount()) {
            ctx.run().setRunCount(originalRunCount);
        }
        return done();
    }
}
