package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /deployments/{id}/create_flow_run} (deployments.md §1.6); an action model, so unknown keys are
 * rejected. {@code state} and {@code empirical_policy} go to runs-service as they are: it validates them.
 */
public record DeploymentFlowRunCreate(JsonNode state, String name, JsonNode parameters,
        Boolean enforce_parameter_schema, JsonNode context, UUID infrastructure_document_id, JsonNode empirical_policy,
        List<String> tags, String idempotency_key, JsonNode labels, UUID parent_task_run_id, String work_queue_name,
        JsonNode job_variables) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        DeploymentValidation.object(errors, "state", state, true);
        DeploymentValidation.object(errors, "parameters", parameters, false);
        DeploymentValidation.object(errors, "context", context, false);
        DeploymentValidation.object(errors, "empirical_policy", empirical_policy, false);
        DeploymentValidation.object(errors, "job_variables", job_variables, true);
        DeploymentValidation.tags(errors, tags);
        DeploymentValidation.labels(errors, labels);
    }
}
