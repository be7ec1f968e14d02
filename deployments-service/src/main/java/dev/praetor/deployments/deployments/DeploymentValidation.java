package dev.praetor.deployments.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import java.util.List;
import java.util.Map;

/** Field rules shared by the deployment action models. */
final class DeploymentValidation {
    /** {@code max_scheduled_runs} bound ({@code PREFECT_DEPLOYMENT_SCHEDULE_MAX_SCHEDULED_RUNS}). */
    static final int MAX_SCHEDULED_RUNS = 50;

    private DeploymentValidation() {
    }

    /** A JSON object, or (when {@code nullable}) null. */
    static void object(Errors errors, String field, JsonNode value, boolean nullable) {
        if (value == null || value.isNull() && nullable) {
            return;
        }
        if (!value.isObject()) {
            errors.add(ValidationError.of("dict_type", errors.loc(field), "Input should be a valid dictionary", value));
        }
    }

    static void listOfObjects(Errors errors, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isArray()) {
            errors.add(ValidationError.of("list_type", errors.loc(field), "Input should be a valid list", value));
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isObject()) {
                errors.add(ValidationError.of("dict_type", errors.loc(field, i), "Input should be a valid dictionary",
                        value.get(i)));
            }
        }
    }

    static void tags(Errors errors, List<String> tags) {
        if (tags == null) {
            return;
        }
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i) == null) {
                errors.add(ValidationError.of("string_type", errors.loc("tags", i), "Input should be a valid string", null));
            }
        }
    }

    /** Label values must be strings, numbers or booleans (Prefect's KeyValueLabels). */
    static void labels(Errors errors, JsonNode labels) {
        if (labels == null || labels.isNull()) {
            return;
        }
        if (!labels.isObject()) {
            errors.add(ValidationError.of("dict_type", errors.loc("labels"), "Input should be a valid dictionary", labels));
            return;
        }
        labels.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            if (!(value.isTextual() || value.isNumber() || value.isBoolean())) {
                errors.add(ValidationError.of("value_error", errors.loc("labels", entry.getKey()),
                        "Value error, label values must be strings, numbers or booleans", value));
            }
        });
    }

    static void positive(Errors errors, String field, Integer value) {
        if (value != null && value <= 0) {
            errors.add(new ValidationError("greater_than", errors.loc(field), "Input should be greater than 0", value,
                    Map.of("gt", 0)));
        }
    }

    static void maxScheduledRuns(Errors errors, Integer value) {
        positive(errors, "max_scheduled_runs", value);
        errors.check(value == null || value <= MAX_SCHEDULED_RUNS, "max_scheduled_runs",
                "`max_scheduled_runs` must be less than or equal to " + MAX_SCHEDULED_RUNS + ".", value);
    }
}
