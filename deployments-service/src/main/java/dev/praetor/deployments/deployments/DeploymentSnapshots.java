package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.deployments.deployments.DeploymentRepository.StoredDeployment;
import dev.praetor.events.Outbox;
import dev.praetor.events.SnapshotRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Deployment facts on the compacted {@code deployments} topic, written to the outbox in the transaction of the change:
 * the {@code DeploymentResponse} plus {@code flow_name} (which {@code flow_or_deployment_name} criteria need).
 * Polls (status, last_polled) are not changes and are not published.
 */
@ApplicationScoped
public class DeploymentSnapshots {
    public static final String TOPIC = "deployments";

    @Inject
    Outbox outbox;

    @Inject
    ObjectMapper mapper;

    Uni<Void> publish(SqlConnection tx, UUID workspaceId, StoredDeployment stored) {
        ObjectNode data = mapper.valueToTree(stored.deployment());
        data.put("flow_name", stored.flowName());
        return outbox.append(tx, new SnapshotRecord(TOPIC, stored.deployment().id().toString(), workspaceId,
                stored.snapshotVersion(), data));
    }

    Uni<Void> tombstone(SqlConnection tx, UUID workspaceId, UUID id, long lastVersion) {
        return outbox.append(tx, SnapshotRecord.tombstone(TOPIC, id.toString(), workspaceId, lastVersion + 1));
    }
}
