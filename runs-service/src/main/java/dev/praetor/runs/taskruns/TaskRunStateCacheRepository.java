package dev.praetor.runs.taskruns;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.praetor.rest.json.Uuids;
import dev.praetor.runs.orchestration.TaskRunStateCache;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.UUID;

/** The task state cache in {@code task_run_state_cache}: entries point at stored task run states. */
@ApplicationScoped
public class TaskRunStateCacheRepository implements TaskRunStateCache {
    @Inject
    ObjectMapper mapper;

    @Override
    public Uni<State> find(SqlConnection tx, UUID workspaceId, String cacheKey, OffsetDateTime now) {
        String sql = "SELECT " + StateRows.COLUMNS + " FROM task_run_state s WHERE s.workspace_id = $1 AND s.id = ("
                + "SELECT c.task_run_state_id FROM task_run_state_cache c WHERE c.workspace_id = $1 "
                + "AND md5(c.cache_key) = md5($2) AND c.cache_key = $2 AND (c.cache_expiration IS NULL OR c.cache_expiration > $3) "
                + "ORDER BY c.created DESC LIMIT 1)";
        return tx.preparedQuery(sql).execute(Tuple.of(workspaceId, cacheKey, now))
                .map(rows -> rows.size() == 0 ? null : StateRows.read(rows.iterator().next(), mapper));
    }

    @Override
    public Uni<Void> insert(SqlConnection tx, UUID workspaceId, String cacheKey, OffsetDateTime expiration, UUID stateId) {
        String sql = "INSERT INTO task_run_state_cache (id, workspace_id, created, cache_key, cache_expiration, "
                + "task_run_state_id) VALUES ($1, $2, clock_timestamp(), $3, $4, $5)";
        return tx.preparedQuery(sql).execute(Tuple.from(Arrays.asList(Uuids.timeOrdered(), workspaceId, cacheKey, expiration,
                stateId))).replaceWithVoid();
    }
}
