package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Task rule 10: a completed state with a {@code cache_key} is cached for later runs of the same key. An over-long key
 * is reported with a REJECT that still writes the proposed state (Prefect's way of flagging it).
 */
public class CacheInsertion extends OrchestrationRule<TaskOrchestrationContext> {
    private final TaskRunStateCache cache;
    private final int maxKeyLength;

    public CacheInsertion(TaskRunStateCache cache, OrchestrationSettings settings) {
        super(StateTypeSet.ALL, StateTypeSet.of(StateType.COMPLETED));
        this.cache = cache;
        this.maxKeyLength = settings.maxCacheKeyLength();
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, TaskOrchestrationContext ctx) {
        if (proposed == null) {
            return done();
        }
        String key = proposed.state_details().cache_key();
        if (key != null && key.codePointCount(0, key.length()) > maxKeyLength) {
            reject(proposed, "Cache key exceeded maximum allowed length of " + maxKeyLength + " characters.");
        }
        return done();
    }

    @Override
    protected Uni<Void> afterTransition(State initial, State validated, TaskOrchestrationContext ctx) {
        if (validated == null || validated.state_details().cache_key() == null
                || validated.state_details().cache_key().isEmpty()) {
            return done();
        }
        return cache.insert(ctx.connection(), ctx.workspaceId(), validated.state_details().cache_key(), validated.state_details().cache_expiration(),
                validated.id());
    }
}
