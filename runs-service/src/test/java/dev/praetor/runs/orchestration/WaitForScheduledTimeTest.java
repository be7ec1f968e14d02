package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.StateResponseDetails;
import org.junit.jupiter.api.Test;

class WaitForScheduledTimeTest {
    @Test
    void runScheduledInTheFutureWaitsTheRemainingSeconds() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.SCHEDULED, d -> d.scheduledTime(now().plusSeconds(30)))),
                state(StateType.RUNNING)), WaitForScheduledTime::new);
        assertEquals(SetStateStatus.WAIT, ctx.status());
        int delay = ((StateResponseDetails.Wait) ctx.details()).delay_seconds();
        assertTrue(delay >= 29 && delay <= 30, "delay " + delay);
        assertFalse(ctx.stateWritten());
    }

    @Test
    void runDueNowStarts() {
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.SCHEDULED, d -> d.scheduledTime(now().minusSeconds(1)))),
                state(StateType.RUNNING)), WaitForScheduledTime::new);
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
    }

    @Test
    void lessThanHalfASecondAheadDoesNotWait() {
        var now = now();
        assertEquals(0, WaitForScheduledTime.delaySeconds(now, now.plusNanos(400_000_000)));
        assertEquals(1, WaitForScheduledTime.delaySeconds(now, now.plusNanos(600_000_000)));
        assertEquals(2, WaitForScheduledTime.delaySeconds(now, now.plusNanos(2_500_000_000L)));
        assertEquals(0, WaitForScheduledTime.delaySeconds(now, now.minusSeconds(5)) > 0 ? 1 : 0);
    }
}
