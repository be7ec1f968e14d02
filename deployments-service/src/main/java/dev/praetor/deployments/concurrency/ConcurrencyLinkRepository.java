package dev.praetor.deployments.concurrency;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The SQL of a deployment's link to its v2 concurrency limit (column {@code deployment.concurrency_limit_id}). */
@ApplicationScoped
public class ConcurrencyLinkRepository {

    @Inject
    Pool pool;

    /** The linked limit's id; null when none (or no such deployment). */
    public Uni<UUID> linkOf(SqlClient client, UUID workspaceId, UUID deploymentId) {
        return client.preparedQuery("SELECT concurrency_limit_id FROM deployment WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, deploymentId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
    }

    public Uni<Void> link(SqlClient client, UUID workspaceId, UUID deploymentId, UUID limitId) {
        return client.preparedQuery("UPDATE deployment SET concurrency_limit_id = $3 WHERE workspace_id = $1 AND id = $2")
                .execute(Tuple.of(workspaceId, deploymentId, limitId)).replaceWithVoid();
    }

    /** The linked limits of those of these deployments that have one. */
    public Uni<Map<UUID, UUID>> linksOf(UUID workspaceId, List<UUID> deploymentIds) {
        return pool.preparedQuery("SELECT id, concurrency_limit_id FROM deployment WHERE workspace_id = $1 "
                        + "AND id = ANY($2::uuid[]) AND concurrency_limit_id IS NOT NULL")
                .execute(Tuple.of(workspaceId, deploymentIds.toArray(UUID[]::new))).map(rows -> {
                    Map<UUID, UUID> links = new HashMap<>();
                    rows.forEach(row -> links.put(row.getUUID(0), row.getUUID(1)));
                    return links;
                });
    }
}
