package dev.praetor.runs.taskruns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import dev.praetor.rest.json.PrefectBody;
import dev.praetor.runs.flowruns.RunValidation;
import dev.praetor.runs.states.StateCreate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Body of {@code POST /task_runs/} (task-runs.md §1.5): an action model, so unknown keys are rejected. */
public record TaskRunCreate(UUID id, StateCreate state, String name, UUID flow_run_id, String task_key,
        String dynamic_key, String cache_key, OffsetDateTime cache_expiration, String task_version,
        TaskRunPolicy empirical_policy, List<String> tags, Map<String, Object> labels,
        Map<String, List<ObjectNode>> task_inputs) implements PrefectBody {
    /** PREFECT_SERVER_TASKS_MAX_CACHE_KEY_LENGTH's default. */
    static final int MAX_CACHE_KEY_LENGTH = 2000;
    private static final Map<String, String> INPUT_FIELDS = Map.of("task_run", "id", "flow_run", "id", "parameter", "name",
            "constant", "type");

    @Override
    public void validate(Errors errors) {
        errors.required("task_key", task_key).required("dynamic_key", dynamic_key);
        if (state != null) {
            state.validate(errors, "state");
        }
        if (cache_key != null && cache_key.codePointCount(0, cache_key.length()) > MAX_CACHE_KEY_LENGTH) {
            errors.check(false, "cache_key", "Cache key exceeded maximum allowed length of " + MAX_CACHE_KEY_LENGTH
                    + " characters.", cache_key.substring(0, 256) + "...");
        }
        if (empirical_policy != null) {
            empirical_policy.validate(errors, "empirical_policy");
        }
        RunValidation.tags(errors, tags);
        RunValidation.labels(errors, labels);
        taskInputs(errors);
    }

    /** Each input reference names its kind ({@code input_type}) and the field that kind requires. */
    private void taskInputs(Errors errors) {
        if (task_inputs == null) {
            return;
        }
        task_inputs.forEach((name, references) -> {
            if (references == null) {
                errors.add(ValidationError.of("list_type", errors.loc("task_inputs", name), "Input should be a valid list", null));
                return;
            }
            for (int i = 0; i < references.size(); i++) {
                ObjectNode reference = references.get(i);
                String kind = reference == null ? null : reference.path("input_type").asText(null);
                String required = kind == null ? null : INPUT_FIELDS.get(kind);
                if (required == null) {
                    errors.add(ValidationError.of("union_tag_invalid", errors.loc("task_inputs", name, i),
                            "Input tag '" + kind + "' found using 'input_type' does not match any of the expected tags: "
                                    + "'task_run', 'flow_run', 'parameter', 'constant'", reference));
                } else if (!reference.hasNonNull(required)) {
                    errors.add(ValidationError.of("missing", errors.loc("task_inputs", name, i, kind, required),
                            "Field required", reference));
                }
            }
        });
    }
}
