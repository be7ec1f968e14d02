package dev.praetor.runs.flowruns;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.json.PrefectBody;
import dev.praetor.runs.states.StateCreate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Body of {@code POST /flow_runs/} (flow-runs.md §1.5): an action model, so unknown keys are rejected. */
public record FlowRunCreate(StateCreate state, String name, UUID flow_id, String flow_version,
        Map<String, Object> parameters, Map<String, Object> context, UUID parent_task_run_id,
        UUID infrastructure_document_id, FlowRunPolicy empirical_policy, List<String> tags, Map<String, Object> labels,
        String idempotency_key, String work_pool_name, String work_queue_name, Map<String, Object> job_variables,
        UUID deployment_id) implements PrefectBody {

    @Override
    public void validate(Errors errors) {
        errors.required("flow_id", flow_id);
        if (state != null) {
            state.validate(errors, "state");
        }
        RunValidation.parameters(errors, parameters);
        RunValidation.tags(errors, tags);
        RunValidation.labels(errors, labels);
    }
}
