package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Prefect's {@code DeploymentResponse} (deployments.md §1.1). {@code work_queue_name} is the queue's current name,
 * {@code concurrency_limit} is always null (deprecated).
 */
public record DeploymentResponse(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, String version,
        String description, UUID flow_id, boolean paused, List<DeploymentSchedule> schedules, Object concurrency_limit,
        JsonNode global_concurrency_limit, ConcurrencyOptions concurrency_options, JsonNode job_variables,
        JsonNode parameters, List<String> tags, JsonNode labels, String work_queue_name, UUID work_queue_id,
        OffsetDateTime last_polled, JsonNode parameter_openapi_schema, String path, JsonNode pull_steps,
        String entrypoint, UUID storage_document_id, UUID infrastructure_document_id, JsonNode created_by,
        JsonNode updated_by, String work_pool_name, String status, boolean enforce_parameter_schema) {

    /** This deployment showing its linked v2 limit (deployments.md §2.4). */
    public DeploymentResponse withGlobalConcurrencyLimit(JsonNode limit) {
        return new DeploymentResponse(id, created, updated, name, version, description, flow_id, paused, schedules,
                concurrency_limit, limit, concurrency_options, job_variables, parameters, tags, labels, work_queue_name,
                work_queue_id, last_polled, parameter_openapi_schema, path, pull_steps, entrypoint, storage_document_id,
                infrastructure_document_id, created_by, updated_by, work_pool_name, status, enforce_parameter_schema);
    }
}
