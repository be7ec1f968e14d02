package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.praetor.rest.errors.Errors;
import dev.praetor.rest.errors.ValidationError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Field rules shared by the run action models. */
public final class RunValidation {
    /** Compact JSON with non-ASCII escaped as {@code \\uXXXX}: the form Prefect measures parameters in. */
    private static final ObjectMapper ASCII_JSON = JsonMapper.builder().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII).build();
    private static volatile Integer maxParameterSize;

    private RunValidation() {
    }

    public static void tags(Errors errors, List<String> tags) {
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
    public static void labels(Errors errors, Map<String, Object> labels) {
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

    /**
     * PREFECT_SERVER_API_MAX_PARAMETER_SIZE ({@code praetor.runs.max-parameter-size}, 524288 bytes, 0 = unlimited)
     * bounds the serialised parameters.
     */
    public static void parameters(Errors errors, Map<String, Object> parameters) {
        int limit = maxParameterSize();
        if (parameters == null || limit <= 0) {
            return;
        }
        int size;
        try {
            size = ASCII_JSON.writeValueAsString(parameters).getBytes(StandardCharsets.US_ASCII).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parameters cannot be serialised", e);
        }
        if (size > limit) {
            errors.add(new ValidationError("value_error", errors.loc("parameters"),
                    String.format(java.util.Locale.ROOT, "Value error, Flow run parameters must be less than %,d bytes when serialized (got %,d bytes).",
                            limit, size), null, Map.of("error", Map.of())));
        }
    }

    private static int maxParameterSize() {
        Integer limit = maxParameterSize;
        if (limit == null) {
            limit = ConfigProvider.getConfig().getOptionalValue("praetor.runs.max-parameter-size", Integer.class).orElse(524_288);
            maxParameterSize = limit;
        }
        return limit;
    }
}
