package dev.praetor.deployments.workpools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model checks of a pool's {@code base_job_template} (work-pools.md §1.5): {@code {}}, or both
 * {@code job_configuration} and {@code variables}, with every {@code {{ placeholder }}} of the configuration declared
 * as a variable property.
 */
final class BaseJobTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([\\w.\\-\\[\\]$]+)\\s*}}");

    private BaseJobTemplates() {
    }

    static void validate(Errors errors, JsonNode template) {
        if (template == null || template.isNull()) {
            return;
        }
        if (!template.isObject()) {
            errors.add(ValidationError.of("dict_type", errors.loc("base_job_template"),
                    "Input should be a valid dictionary", template));
            return;
        }
        if (template.isEmpty()) {
            return;
        }
        JsonNode configuration = template.get("job_configuration");
        JsonNode variables = template.get("variables");
        if (!truthy(configuration) || !truthy(variables)) {
            errors.add(fieldError(errors, template, "The `base_job_template` must contain both a `job_configuration` key and a "
                    + "`variables` key."));
            return;
        }
        Set<String> declared = new LinkedHashSet<>();
        variables.path("properties").fieldNames().forEachRemaining(declared::add);
        Set<String> undeclared = new LinkedHashSet<>();
        collectPlaceholders(configuration, undeclared);
        undeclared.removeAll(declared);
        if (!undeclared.isEmpty()) {
            errors.add(fieldError(errors, template, "The variables specified in the job configuration template must be present "
                    + "as properties in the variables schema. Your job configuration uses the following undeclared "
                    + "variable(s): " + String.join(" ,", undeclared) + "."));
        }
    }

    private static void collectPlaceholders(JsonNode node, Set<String> names) {
        if (node.isTextual()) {
            Matcher matcher = PLACEHOLDER.matcher(node.asText());
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectPlaceholders(child, names));
        }
    }

    private static boolean truthy(JsonNode node) {
        return node != null && !node.isNull() && !(node.isContainerNode() && node.isEmpty())
                && !(node.isTextual() && node.asText().isEmpty());
    }

    private static ValidationError fieldError(Errors errors, JsonNode template, String message) {
        return new ValidationError("value_error", errors.loc("base_job_template"),
                "Value error, " + message, template, Map.of("error", Map.of()));
    }
}
