package dev.praetor.runs.orchestration;

import dev.praetor.runs.states.State;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Completed task states stored under a cache key (task rules 1 and 10), within the orchestration's transaction. */
public interface TaskRunStateCache {

    /** The newest cached state for {@code cacheKey} whose expiration is null or after {@code now}; null if none. */
    Uni<State> find(SqlConnection tx, UUID workspaceId, String cacheKey, OffsetDateTime now);

    /** Caches the written state {@code stateId} under {@code cacheKey} until {@code expiration} (null = forever). */
    Uni<Void> insert(SqlConnection tx, UUID workspaceId, String cacheKey, OffsetDateTime expiration, UUID stateId);
}
