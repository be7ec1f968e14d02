package dev.praetor.runs.states;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * Prefect's {@code StateDetails} (states-and-orchestration.md §1.3): unknown keys are ignored on input, every key is
 * emitted on output. Immutable; rules change a proposed state's details through {@link #toBuilder()}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StateDetails(UUID flow_run_id, UUID task_run_id, UUID child_flow_run_id, OffsetDateTime scheduled_time,
        String cache_key, OffsetDateTime cache_expiration, Boolean deferred, Boolean untrackable_result,
        OffsetDateTime pause_timeout, Boolean pause_reschedule, String pause_key, Map<String, String> run_input_keyset,
        Boolean refresh_cache, Boolean retriable, UUID transition_id, UUID task_parameters_id, String traceparent,
        UUID deployment_concurrency_lease_id) {

    public static final StateDetails DEFAULTS = new Builder().build();

    public StateDetails {
        // Prefect's defaults are false; null flags would make every check three-valued for no benefit.
        deferred = deferred != null && deferred;
        untrackable_result = untrackable_result != null && untrackable_result;
        pause_reschedule = pause_reschedule != null && pause_reschedule;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable copy of the details, for rules that fill in or move fields. */
    public static final class Builder {
        private UUID flowRunId;
        private UUID taskRunId;
        private UUID childFlowRunId;
        private OffsetDateTime scheduledTime;
        private String cacheKey;
        private OffsetDateTime cacheExpiration;
        private Boolean deferred = false;
        private Boolean untrackableResult = false;
        private OffsetDateTime pauseTimeout;
        private Boolean pauseReschedule = false;
        private String pauseKey;
        private Map<String, String> runInputKeyset;
        private Boolean refreshCache;
        private Boolean retriable;
        private UUID transitionId;
        private UUID taskParametersId;
        private String traceparent;
        private UUID deploymentConcurrencyLeaseId;

        private Builder() {
        }

        private Builder(StateDetails d) {
            flowRunId = d.flow_run_id;
            taskRunId = d.task_run_id;
            childFlowRunId = d.child_flow_run_id;
            scheduledTime = d.scheduled_time;
            cacheKey = d.cache_key;
            cacheExpiration = d.cache_expiration;
            deferred = d.deferred;
            untrackableResult = d.untrackable_result;
            pauseTimeout = d.pause_timeout;
            pauseReschedule = d.pause_reschedule;
            pauseKey = d.pause_key;
            runInputKeyset = d.run_input_keyset;
            refreshCache = d.refresh_cache;
            retriable = d.retriable;
            transitionId = d.transition_id;
            taskParametersId = d.task_parameters_id;
            traceparent = d.traceparent;
            deploymentConcurrencyLeaseId = d.deployment_concurrency_lease_id;
        }

        public Builder flowRunId(UUID value) {
            flowRunId = value;
            return this;
        }

        public Builder taskRunId(UUID value) {
            taskRunId = value;
            return this;
        }

        public Builder childFlowRunId(UUID value) {
            childFlowRunId = value;
            return this;
        }

        public Builder scheduledTime(OffsetDateTime value) {
            scheduledTime = value;
            return this;
        }

        public Builder cacheKey(String value) {
            cacheKey = value;
            return this;
        }

        public Builder cacheExpiration(OffsetDateTime value) {
            cacheExpiration = value;
            return this;
        }

        public Builder deferred(Boolean value) {
            deferred = value;
            return this;
        }

        public Builder pauseTimeout(OffsetDateTime value) {
            pauseTimeout = value;
            return this;
        }

        public Builder pauseReschedule(boolean value) {
            pauseReschedule = value;
            return this;
        }

        public Builder pauseKey(String value) {
            pauseKey = value;
            return this;
        }

        public Builder runInputKeyset(Map<String, String> value) {
            runInputKeyset = value;
            return this;
        }

        public Builder refreshCache(Boolean value) {
            refreshCache = value;
            return this;
        }

        public Builder retriable(Boolean value) {
            retriable = value;
            return this;
        }

        public Builder transitionId(UUID value) {
            transitionId = value;
            return this;
        }

        public Builder taskParametersId(UUID value) {
            taskParametersId = value;
            return this;
        }

        public Builder deploymentConcurrencyLeaseId(UUID value) {
            deploymentConcurrencyLeaseId = value;
            return this;
        }

        public StateDetails build() {
            return new StateDetails(flowRunId, taskRunId, childFlowRunId, scheduledTime, cacheKey, cacheExpiration, deferred,
                    untrackableResult, pauseTimeout, pauseReschedule, pauseKey, runInputKeyset, refreshCache, retriable,
                    transitionId, taskParametersId, traceparent, deploymentConcurrencyLeaseId);
        }
    }
}
