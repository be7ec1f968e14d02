package dev.praetor.runs.flowruns;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import dev.praetor.runs.states.StateCreate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Body of {@code POST /flow_runs/} (flow-runs.md §1.5): an action model, so unknown keys are rejected.
 *
 * <p>The last five fields are not part of Prefect's {@code FlowRunCreate}: Prefect's server sets them itself when a
 * deployment or the scheduler creates a run (the core {@code FlowRun} model). Here deployments-service creates those
 * runs over HTTP, so it sends them; they are honoured only on a service-to-service call ({@link #INTERNAL_CALLER}
 * header, which the gateway strips from clients) and are otherwise rejected as extra inputs, as Prefect does.
 */
public record FlowRunCreate(StateCreate state, String name, UUID flow_id, String flow_version,
        Map<String, Object> parameters, Map<String, Object> context, UUID parent_task_run_id,
        UUID infrastructure_document_id, FlowRunPolicy empirical_policy, List<String> tags, Map<String, Object> labels,
        String idempotency_key, String work_pool_name, String work_queue_name, Map<String, Object> job_variables,
        UUID deployment_id, String deployment_version, UUID work_queue_id, UUID work_pool_id, Boolean auto_scheduled,
        Map<String, Object> created_by) implements PrefectBody {

    /** Set by Praetor services on their calls; in the gateway's internal namespace, so never taken from a client. */
    public static final String INTERNAL_CALLER = "X-Praetor-Caller";

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

    /** The service-only fields this body carries, each as Prefect's "extra inputs" error. */
    List<ValidationError> internalFieldsGiven() {
        List<ValidationError> given = new ArrayList<>();
        Errors errors = Errors.forBody();
        extra(given, errors, "deployment_version", deployment_version);
        extra(given, errors, "work_queue_id", work_queue_id);
        extra(given, errors, "work_pool_id", work_pool_id);
        extra(given, errors, "auto_scheduled", auto_scheduled);
        extra(given, errors, "created_by", created_by);
        return given;
    }

    private static void extra(List<ValidationError> given, Errors errors, String field, Object value) {
        if (value != null) {
            given.add(ValidationError.of("extra_forbidden", errors.loc(field), "Extra inputs are not permitted",
                    value instanceof UUID ? value.toString() : value));
        }
    }

    /** A run placed on a resolved work queue by the calling service (a deployment's run). */
    boolean queueResolvedByCaller() {
        return work_queue_id != null;
    }
}
