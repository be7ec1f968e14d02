package dev.praetor.deployments.deployments;

import java.util.UUID;

/** One item of {@code POST /deployments/{id}/create_flow_run/bulk}'s answer, in request order. */
public record DeploymentFlowRunCreateResult(UUID flow_run_id, String status, String error) {
    static DeploymentFlowRunCreateResult created(UUID id) {
        return new DeploymentFlowRunCreateResult(id, "CREATED", null);
    }

    static DeploymentFlowRunCreateResult failed(String error) {
        return new DeploymentFlowRunCreateResult(null, "FAILED", error);
    }
}
