package dev.praetor.runs.taskruns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import dev.praetor.rest.errors.Errors;

/**
 * Prefect's {@code TaskRunPolicy} (task-runs.md §1.2). {@code retry_delay} is null, a number of seconds, or a list of
 * per-attempt delays (at most 50). The deprecated keys are copied into the new ones when those are unset.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"max_retries", "retry_delay_seconds", "retries", "retry_delay", "retry_jitter_factor"})
public record TaskRunPolicy(Integer max_retries, Double retry_delay_seconds, Integer retries, JsonNode retry_delay,
        Double retry_jitter_factor) {

    public static final TaskRunPolicy DEFAULTS = new TaskRunPolicy(null, null, null, null, null);
    static final int MAX_RETRY_DELAYS = 50;

    public TaskRunPolicy {
        max_retries = max_retries == null ? 0 : max_retries;
        retry_delay_seconds = retry_delay_seconds == null ? 0.0 : retry_delay_seconds;
        if (retry_delay != null && retry_delay.isNull()) {
            retry_delay = null;
        }
        if ((retries == null || retries == 0) && max_retries != 0) {
            retries = max_retries;
        }
        if (isUnset(retry_delay) && retry_delay_seconds != 0) {
            retry_delay = DoubleNode.valueOf(retry_delay_seconds);
        }
    }

    private static boolean isUnset(JsonNode delay) {
        return delay == null || delay.isNumber() && delay.asDouble() == 0 || delay.isArray() && delay.isEmpty();
    }

    /** The base delay before retry number {@code runCount} (1-based): a list gives one delay per attempt. */
    public double baseDelaySeconds(int runCount) {
        if (retry_delay == null) {
            return 0;
        }
        if (retry_delay.isArray()) {
            if (retry_delay.isEmpty()) {
                return 0;
            }
            int index = Math.max(0, Math.min(runCount - 1, retry_delay.size() - 1));
            return retry_delay.get(index).asDouble();
        }
        return retry_delay.asDouble();
    }

    void validate(Errors errors, String field) {
        if (retry_delay != null) {
            boolean valid = retry_delay.isNumber()
                    || retry_delay.isArray() && java.util.stream.StreamSupport.stream(retry_delay.spliterator(), false).allMatch(JsonNode::isNumber);
            if (!valid) {
                errors.add(dev.praetor.rest.errors.ValidationError.of("float_type", errors.loc(field, "retry_delay"),
                        "Input should be a valid number", retry_delay));
            } else if (retry_delay.isArray() && retry_delay.size() > MAX_RETRY_DELAYS) {
                errors.add(new dev.praetor.rest.errors.ValidationError("value_error", errors.loc(field, "retry_delay"),
                        "Value error, Can not configure more than 50 retry delays per task.", retry_delay,
                        java.util.Map.of("error", java.util.Map.of())));
            }
        }
        if (retry_jitter_factor != null && retry_jitter_factor < 0) {
            errors.add(new dev.praetor.rest.errors.ValidationError("value_error", errors.loc(field, "retry_jitter_factor"),
                    "Value error, `retry_jitter_factor` must be >= 0.", retry_jitter_factor,
                    java.util.Map.of("error", java.util.Map.of())));
        }
    }
}
