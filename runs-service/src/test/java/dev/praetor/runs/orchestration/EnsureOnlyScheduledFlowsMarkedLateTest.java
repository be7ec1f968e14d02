package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.StateResponseDetails;
import org.junit.jupiter.api.Test;

class EnsureOnlyScheduledFlowsMarkedLateTest {
    @Test
    void runningRunCannotBeMarkedLate() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.RUNNING)), state(StateType.SCHEDULED, "Late")),
                EnsureOnlyScheduledFlowsMarkedLate::new);
        assertEquals(new StateResponseDetails.Reject("Only scheduled flows can be marked late."), ctx.details());
    }

    @Test
    void lateRunIsNotMarkedLateTwice() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.SCHEDULED, "Late")), state(StateType.SCHEDULED, "Late")),
                EnsureOnlyScheduledFlowsMarkedLate::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
    }

    @Test
    void scheduledRunIsMarkedLate() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.SCHEDULED)), state(StateType.SCHEDULED, "Late")),
                EnsureOnlyScheduledFlowsMarkedLate::new);
        assertEquals("Late", ctx.validatedState().name());
    }
}
