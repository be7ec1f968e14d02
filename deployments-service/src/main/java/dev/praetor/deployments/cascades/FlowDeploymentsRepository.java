package dev.praetor.deployments.cascades;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The SQL of the flow cascade: which deployments a deleted flow leaves behind. */
@ApplicationScoped
public class FlowDeploymentsRepository {

    @Inject
    Pool pool;

    /** Ids of the flow's deployments (index {@code deployment_workspace_flow_name} leads with workspace and flow). */
    public Uni<List<UUID>> deploymentsOf(UUID workspaceId, UUID flowId) {
        return pool.preparedQuery("SELECT id FROM deployment WHERE workspace_id = $1 AND flow_id = $2 ORDER BY id")
                .execute(Tuple.of(workspaceId, flowId)).map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getUUID(0)));
                    return ids;
                });
    }
}
