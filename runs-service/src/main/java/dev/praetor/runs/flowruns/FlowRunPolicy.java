package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Prefect's {@code FlowRunPolicy} ({@code empirical_policy}, flow-runs.md §1.2): nested, unknown keys ignored, all
 * seven keys always emitted. The deprecated {@code max_retries}/{@code retry_delay_seconds} are copied into
 * {@code retries}/{@code retry_delay} when those are unset, as Prefect does on input.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"max_retries", "retry_delay_seconds", "retries", "retry_delay", "pause_keys", "resuming", "retry_type"})
public record FlowRunPolicy(Integer max_retries, Double retry_delay_seconds, Integer retries, Integer retry_delay,
        Set<String> pause_keys, Boolean resuming, RetryType retry_type) {

    public static final FlowRunPolicy DEFAULTS = new FlowRunPolicy(null, null, null, null, null, null, null);

    /** Why a run is being retried: in the same process after a failure, or rescheduled from a terminal state. */
    public enum RetryType {
        IN_PROCESS("in_process"), RESCHEDULE("reschedule");

        private final String json;

        RetryType(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }
    }

    public FlowRunPolicy {
        max_retries = max_retries == null ? 0 : max_retries;
        retry_delay_seconds = retry_delay_seconds == null ? 0.0 : retry_delay_seconds;
        if ((retries == null || retries == 0) && max_retries != 0) {
            retries = max_retries;
        }
        if ((retry_delay == null || retry_delay == 0) && retry_delay_seconds != 0) {
            retry_delay = (int) Math.round(retry_delay_seconds);
        }
        pause_keys = pause_keys == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(pause_keys));
        resuming = resuming != null && resuming;
    }

    public FlowRunPolicy withResuming(boolean value) {
        return new FlowRunPolicy(max_retries, retry_delay_seconds, retries, retry_delay, pause_keys, value, retry_type);
    }

    public FlowRunPolicy withPauseKeys(Set<String> keys) {
        return new FlowRunPolicy(max_retries, retry_delay_seconds, retries, retry_delay, keys, resuming, retry_type);
    }

    public FlowRunPolicy withPauseKey(String key) {
        Set<String> keys = new LinkedHashSet<>(pause_keys);
        keys.add(key);
        return withPauseKeys(keys);
    }

    public FlowRunPolicy withRetryType(RetryType value) {
        return new FlowRunPolicy(max_retries, retry_delay_seconds, retries, retry_delay, pause_keys, resuming, value);
    }
}
