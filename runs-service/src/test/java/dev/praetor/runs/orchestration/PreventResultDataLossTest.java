package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import org.junit.jupiter.api.Test;

class PreventResultDataLossTest {
    @Test
    void forcedCompletionWithoutResultDoesNotReplaceAPersistedResult() {
        var result = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("storage_key", "k");
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.COMPLETED).withData(result)), state(StateType.COMPLETED)),
                PreventResultDataLoss::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
    }

    @Test
    void forcedFailureAfterCompletionIsAccepted() {
        var result = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("storage_key", "k");
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.COMPLETED).withData(result)), state(StateType.FAILED)),
                PreventResultDataLoss::new);
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
    }
}
