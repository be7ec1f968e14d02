package dev.praetor.runs.orchestration;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Until deployments and their concurrency limits exist in Praetor, every deployment is treated as existing with no
 * limit configured: the deployment concurrency rules then do nothing, exactly as for a deployment without a limit.
 * A real implementation replaces this bean (it is only the default).
 */
@DefaultBean
@ApplicationScoped
public class UnlimitedDeploymentConcurrency implements DeploymentConcurrency {
    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    @Override
    public Uni<Optional<Limit>> limitOf(SqlConnection tx, UUID workspaceId, UUID deploymentId) {
        return Uni.createFrom().item(Optional.of(Limit.NONE));
    }

    @Override
    public Uni<Boolean> acquireSlot(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId) {
        return Uni.createFrom().item(true);
    }

    @Override
    public Uni<Void> releaseSlot(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId) {
        return DONE;
    }

    @Override
    public Uni<UUID> createLease(SqlConnection tx, UUID workspaceId, UUID concurrencyLimitId, Duration ttl, UUID holderFlowRunId) {
        return Uni.createFrom().failure(new IllegalStateException("no deployment concurrency limits are configured"));
    }

    @Override
    public Uni<Boolean> renewLease(SqlConnection tx, UUID workspaceId, UUID leaseId, Duration ttl) {
        return Uni.createFrom().item(false);
    }

    @Override
    public Uni<Void> releaseLease(SqlConnection tx, UUID workspaceId, UUID leaseId, UUID fallbackConcurrencyLimitId) {
        return DONE;
    }

    @Override
    public Uni<Void> revokeLease(SqlConnection tx, UUID workspaceId, UUID leaseId) {
        return DONE;
    }
}
