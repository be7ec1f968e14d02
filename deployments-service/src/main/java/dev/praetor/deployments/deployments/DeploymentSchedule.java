package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Prefect's {@code DeploymentSchedule} (deployments.md §1.2); {@code schedule} holds only its own shape's keys. */
public record DeploymentSchedule(UUID id, OffsetDateTime created, OffsetDateTime updated, UUID deployment_id,
        JsonNode schedule, boolean active, Integer max_scheduled_runs, JsonNode parameters, String slug) {
}
