package dev.praetor.runs.orchestration;

import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An in-memory task state cache. */
final class FakeCache implements TaskRunStateCache {
    final java.util.Map<String, State> entries = new java.util.HashMap<>();
    final List<String> inserted = new ArrayList<>();

    @Override
    public Uni<State> find(SqlConnection tx, UUID workspaceId, String cacheKey, OffsetDateTime now) {
        return Uni.createFrom().item(entries.get(cacheKey));
    }

    @Override
    public Uni<Void> insert(SqlConnection tx, UUID workspaceId, String cacheKey, OffsetDateTime expiration, UUID stateId) {
        inserted.add(cacheKey);
        return Uni.createFrom().voidItem();
    }
}
