package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;

/**
 * Task rule 1: a task about to run whose {@code cache_key} has a valid cached COMPLETED state does not run: the run
 * gets a fresh copy of that state named {@code Cached} (unless the proposal asks to refresh the cache).
 */
public class CacheRetrieval extends OrchestrationRule<TaskOrchestrationContext> {
    private final TaskRunStateCache cache;

    public CacheRetrieval(TaskRunStateCache cache) {
        super(StateTypeSet.ALL, StateTypeSet.of(StateType.RUNNING));
        this.cache = cache;
    }

    @Override
    protected Uni<Void> beforeTransition(State initial, State proposed, TaskOrchestrationContext ctx) {
        if (proposed == null) {
            return done();
        }
        String cacheKey = proposed.state_details().cache_key();
        if (cacheKey == null || cacheKey.isEmpty() || Boolean.TRUE.equals(proposed.state_details().refresh_cache())) {
            return done();
        }
        return cache.find(ctx.connection(), ctx.workspaceId(), cacheKey, ctx.now()).invoke(cached -> {
            if (cached != null) {
                reject(cached.freshCopy(ctx.now()).withName("Cached"), "Retrieved state from cache");
            }
        }).replaceWithVoid();
    }
}
