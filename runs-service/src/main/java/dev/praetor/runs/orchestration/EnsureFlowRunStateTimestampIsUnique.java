package dev.praetor.runs.orchestration;

import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/**
 * Flow bookkeeping: a flow run's states have distinct timestamps (a unique index), so a proposal stamped in the
 * same microsecond as an existing state moves forward to the next free microsecond. Only a timestamp not after the
 * newest existing one can collide, so the common case needs no query.
 */
public class EnsureFlowRunStateTimestampIsUnique extends UniversalTransform<FlowOrchestrationContext> {
    private final FlowRunStateTimestamps timestamps;

    public EnsureFlowRunStateTimestampIsUnique(FlowRunStateTimestamps timestamps) {
        this.timestamps = timestamps;
    }

    @Override
    protected Uni<Void> beforeTransition(FlowOrchestrationContext ctx) {
        OffsetDateTime proposed = ctx.proposedState().timestamp();
        OffsetDateTime latest = ctx.latestStateTimestamp();
        if (latest == null || proposed.isAfter(latest)) {
            return done();
        }
        return timestamps.atOrAfter(ctx.connection(), ctx.workspaceId(), ctx.run().id(), proposed).invoke(taken -> {
            OffsetDateTime candidate = proposed;
            for (OffsetDateTime existing : taken) {
                if (existing.isEqual(candidate)) {
                    candidate = candidate.plusNanos(1000);
                }
            }
            if (!candidate.isEqual(proposed)) {
                ctx.setProposedState(ctx.proposedState().withTimestamp(candidate));
            }
        }).replaceWithVoid();
    }
}
