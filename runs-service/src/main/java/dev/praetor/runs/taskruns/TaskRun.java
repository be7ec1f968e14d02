package dev.praetor.runs.taskruns;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunResponse;
import dev.praetor.runs.states.State;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Prefect's {@code TaskRun} (task-runs.md §1.1). */
@JsonPropertyOrder({"id", "created", "updated", "name", "flow_run_id", "task_key", "dynamic_key", "cache_key",
        "cache_expiration", "task_version", "empirical_policy", "tags", "labels", "state_id", "task_inputs", "state_type",
        "state_name", "run_count", "flow_run_run_count", "expected_start_time", "next_scheduled_start_time", "start_time",
        "end_time", "total_run_time", "estimated_run_time", "estimated_start_time_delta", "state"})
public record TaskRun(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, UUID flow_run_id,
        String task_key, String dynamic_key, String cache_key, OffsetDateTime cache_expiration, String task_version,
        TaskRunPolicy empirical_policy, List<String> tags, ObjectNode labels, UUID state_id, ObjectNode task_inputs,
        StateType state_type, String state_name, int run_count, int flow_run_run_count,
        OffsetDateTime expected_start_time, OffsetDateTime next_scheduled_start_time, OffsetDateTime start_time,
        OffsetDateTime end_time, double total_run_time, double estimated_run_time, double estimated_start_time_delta,
        State state) {

    static TaskRun of(TaskRunEntity run, OffsetDateTime now) {
        return new TaskRun(run.id(), run.created, run.updated, run.name(), run.flowRunId, run.taskKey, run.dynamicKey,
                run.cacheKey, run.cacheExpiration, run.taskVersion, run.empiricalPolicy, run.tags(), run.labels,
                run.stateId(), run.taskInputs, run.stateType(), run.stateName(), run.runCount(), run.flowRunRunCount,
                run.expectedStartTime(), run.nextScheduledStartTime(), run.startTime(), run.endTime(), run.totalRunTime(),
                FlowRunResponse.estimatedRunTime(run.totalRunTime(), run.stateType(), run.stateTimestamp(), now),
                FlowRunResponse.estimatedStartTimeDelta(run.startTime(), run.expectedStartTime(), run.stateType(), now),
                run.state());
    }
}
