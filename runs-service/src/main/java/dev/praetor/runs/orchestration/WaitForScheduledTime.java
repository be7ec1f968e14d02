package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Flow rule 14 / task rule 6: a run may not start before its scheduled time by the server's clock; the client is
 * told to wait the remaining whole seconds (nothing is written).
 */
public class WaitForScheduledTime<C extends OrchestrationContext<?>> extends OrchestrationRule<C> {
    public WaitForScheduledTime() {
        super(StateTypeSet.of(StateType.SCHEDULED, StateType.PENDING), StateTypeSet.of(StateType.RUNNING));
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, C ctx) {
        if (initial == null || proposed == null || initial.state_details().scheduled_time() == null) {
            return done();
        }
        int delay = delaySeconds(ctx.now(), initial.state_details().scheduled_time());
        if (delay > 0) {
            delay(delay, "Scheduled time is in the future");
        }
        return done();
    }

    /**
     * The remaining time rounded to whole seconds the way Prefect does it (floor of the seconds plus Python's
     * half-to-even rounding of the sub-second part), so anything under about half a second does not wait.
     */
    static int delaySeconds(OffsetDateTime now, OffsetDateTime scheduled) {
        long micros = ChronoUnit.MICROS.between(now, scheduled);
        long seconds = Math.floorDiv(micros, 1_000_000L);
        long fraction = Math.floorMod(micros, 1_000_000L);
        return (int) Math.min(Integer.MAX_VALUE, seconds + (fraction > 500_000L ? 1 : 0));
    }
}
