package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.states.State;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InstrumentFlowRunStateTransitionsTest {
    @Test
    void writtenStateIsPublishedAsAPrefectEventIdentifiedByTheState() {
        FlowRunEntity run = flowRun(state(StateType.PENDING));
        State running = state(StateType.RUNNING);
        FlowOrchestrationContext ctx = apply(flow(run, running), InstrumentFlowRunStateTransitions::new);
        assertEquals(1, ctx.changeFacts().size());
        var fact = ctx.changeFacts().get(0);
        assertEquals("events", fact.topic());
        assertEquals(running.id().toString(), fact.key());
        var event = fact.data();
        assertEquals("prefect.flow-run.Running", event.get("event").asText());
        assertEquals(running.id().toString(), event.get("id").asText());
        assertEquals("prefect.flow-run." + run.id(), event.get("resource").get("prefect.resource.id").asText());
        assertEquals("RUNNING", event.get("resource").get("prefect.state-type").asText());
        assertEquals("PENDING", event.get("payload").get("intended").get("from").asText());
        assertEquals("prefect.flow." + run.flowId(), event.get("related").get(0).get("prefect.resource.id").asText());
        assertEquals("prefect.tag.etl", event.get("related").get(1).get("prefect.resource.id").asText());
        assertTrue(event.get("follows").isNull());
    }

    @Test
    void rejectionWithoutReplacementPublishesNothing() {
        UUID transition = UUID.randomUUID();
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.RUNNING, d -> d.transitionId(transition))),
                state(StateType.RUNNING, d -> d.transitionId(transition))), PreventDuplicateTransitions::new,
                InstrumentFlowRunStateTransitions::new);
        assertTrue(ctx.changeFacts().isEmpty());
    }
}
