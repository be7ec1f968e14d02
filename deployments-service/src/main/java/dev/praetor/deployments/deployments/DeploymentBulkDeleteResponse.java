package dev.praetor.deployments.deployments;

import java.util.List;
import java.util.UUID;

/** Answer of {@code POST /deployments/bulk_delete}. */
public record DeploymentBulkDeleteResponse(List<UUID> deleted) {
}
