package dev.praetor.runs.orchestration;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.UUID;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Until tag concurrency limits exist in Praetor, no tag has a limit: tasks always get their slot. */
@DefaultBean
@ApplicationScoped
public class NoTaskConcurrencyLimits implements TaskConcurrencySlots {
    private static final Uni<Decision> ACQUIRED = Uni.createFrom().item(new Decision.Acquired());

    @Override
    public Uni<Decision> acquire(SqlConnection tx, UUID workspaceId, UUID taskRunId, List<String> tags) {
        return ACQUIRED;
    }

    @Override
    public Uni<Void> release(SqlConnection tx, UUID workspaceId, UUID taskRunId, List<String> tags) {
        return Uni.createFrom().voidItem();
    }
}
