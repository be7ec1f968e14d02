package dev.praetor.flows.flows;

import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import java.util.List;
import java.util.Map;

/** Field rules shared by the flow action models. */
final class FlowValidation {
    private FlowValidation() {
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
    static void labels(Errors errors, Map<String, Object> labels) {
        if (labels == null) {
            return;
        }
        labels.forEach((key, value) -> {
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                errors.add(ValidationError.of("value_error", errors.loc("labels", key),
                        "Value error, label values must be strings, numbers or booleans", value));
            }
        });
    }
}
