package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheInsertionTest {
    @Test
    void completedStateWithACacheKeyIsCached() {
        FakeCache cache = new FakeCache();
        apply(task(taskRun(null, state(StateType.RUNNING)), null, state(StateType.COMPLETED, d -> d.cacheKey("key"))),
                () -> new CacheInsertion(cache, OrchestrationSettings.DEFAULTS));
        assertEquals(List.of("key"), cache.inserted);
    }

    @Test
    void overLongCacheKeyIsFlaggedWithARejectThatStillWritesTheState() {
        String key = "k".repeat(2001);
        TaskOrchestrationContext ctx = apply(task(taskRun(null, state(StateType.RUNNING)), null,
                state(StateType.COMPLETED, d -> d.cacheKey(key))), () -> new CacheInsertion(new FakeCache(), OrchestrationSettings.DEFAULTS));
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertTrue(ctx.stateWritten());
        assertEquals(StateType.COMPLETED, ctx.validatedState().type());
    }
}
