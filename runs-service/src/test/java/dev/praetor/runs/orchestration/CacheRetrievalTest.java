package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateResponseDetails;
import org.junit.jupiter.api.Test;

class CacheRetrievalTest {
    @Test
    void cachedResultReplacesTheRun() {
        FakeCache cache = new FakeCache();
        State cached = state(StateType.COMPLETED).withData(JsonNodeFactory.instance.objectNode().put("storage_key", "k"));
        cache.entries.put("key", cached);
        TaskOrchestrationContext ctx = apply(task(taskRun(null, state(StateType.PENDING)), null,
                state(StateType.RUNNING, d -> d.cacheKey("key"))), () -> new CacheRetrieval(cache));
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertEquals(new StateResponseDetails.Reject("Retrieved state from cache"), ctx.details());
        assertEquals("Cached", ctx.validatedState().name());
        assertEquals(StateType.COMPLETED, ctx.validatedState().type());
        assertNotEquals(cached.id(), ctx.validatedState().id());
        assertEquals(cached.data(), ctx.validatedState().data());
    }

    @Test
    void refreshCacheRunsTheTask() {
        FakeCache cache = new FakeCache();
        cache.entries.put("key", state(StateType.COMPLETED));
        TaskOrchestrationContext ctx = apply(task(taskRun(null, state(StateType.PENDING)), null,
                state(StateType.RUNNING, d -> d.cacheKey("key").refreshCache(true))), () -> new CacheRetrieval(cache));
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
    }
}
