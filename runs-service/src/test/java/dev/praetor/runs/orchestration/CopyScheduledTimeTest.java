package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import org.junit.jupiter.api.Test;

class CopyScheduledTimeTest {
    @Test
    void pendingInheritsTheScheduledTime() {
        var at = now().plusMinutes(3);
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.SCHEDULED, d -> d.scheduledTime(at))),
                state(StateType.PENDING)), CopyScheduledTime::new);
        assertEquals(at, ctx.validatedState().state_details().scheduled_time());
    }

    @Test
    void pendingKeepsItsOwnScheduledTime() {
        var own = now().plusMinutes(9);
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.SCHEDULED, d -> d.scheduledTime(now()))),
                state(StateType.PENDING, d -> d.scheduledTime(own))), CopyScheduledTime::new);
        assertEquals(own, ctx.validatedState().state_details().scheduled_time());
    }
}
