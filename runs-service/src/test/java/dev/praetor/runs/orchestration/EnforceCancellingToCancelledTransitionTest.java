package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import org.junit.jupiter.api.Test;

class EnforceCancellingToCancelledTransitionTest {
    @Test
    void cancellingRunReportingCompletedStaysCancelling() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.CANCELLING)), state(StateType.COMPLETED)),
                EnforceCancellingToCancelledTransition::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertEquals(StateType.CANCELLING, ctx.validatedState().type());
    }

    @Test
    void cancellingRunMayBecomeCancelled() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.CANCELLING)), state(StateType.CANCELLED)),
                EnforceCancellingToCancelledTransition::new);
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
    }
}
