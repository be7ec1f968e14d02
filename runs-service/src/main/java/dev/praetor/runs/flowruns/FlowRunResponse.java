package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateTypes;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Prefect's {@code FlowRunResponse} (flow-runs.md §1.1): what every {@code /flow_runs} route returns for a run. */
@JsonPropertyOrder({"id", "created", "updated", "name", "flow_id", "state_id", "deployment_id", "deployment_version",
        "work_queue_id", "work_queue_name", "flow_version", "parameters", "idempotency_key", "context", "empirical_policy",
        "tags", "labels", "parent_task_run_id", "state_type", "state_name", "run_count", "expected_start_time",
        "next_scheduled_start_time", "start_time", "end_time", "total_run_time", "estimated_run_time",
        "estimated_start_time_delta", "auto_scheduled", "infrastructure_document_id", "infrastructure_pid", "created_by",
        "work_pool_id", "work_pool_name", "state", "job_variables"})
public record FlowRunResponse(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, UUID flow_id,
        UUID state_id, UUID deployment_id, String deployment_version, UUID work_queue_id, String work_queue_name,
        String flow_version, ObjectNode parameters, String idempotency_key, ObjectNode context,
        FlowRunPolicy empirical_policy, List<String> tags, ObjectNode labels, UUID parent_task_run_id,
        StateType state_type, String state_name, int run_count, OffsetDateTime expected_start_time,
        OffsetDateTime next_scheduled_start_time, OffsetDateTime start_time, OffsetDateTime end_time,
        double total_run_time, double estimated_run_time, double estimated_start_time_delta, boolean auto_scheduled,
        UUID infrastructure_document_id, String infrastructure_pid, ObjectNode created_by, UUID work_pool_id,
        String work_pool_name, State state, ObjectNode job_variables) {

    /** The run as of {@code now}: the estimated durations are computed at read time (flow-runs.md §1.4). */
    static FlowRunResponse of(FlowRunEntity run, OffsetDateTime now) {
        return new FlowRunResponse(run.id(), run.created, run.updated, run.name(), run.flowId, run.stateId(),
                run.deploymentId, run.deploymentVersion, run.workQueueId, run.workQueueName, run.flowVersion,
                run.parameters, run.idempotencyKey, run.context, run.empiricalPolicy, run.tags(), run.labels,
                run.parentTaskRunId, run.stateType(), run.stateName(), run.runCount(), run.expectedStartTime(),
                run.nextScheduledStartTime(), run.startTime(), run.endTime(), run.totalRunTime(),
                estimatedRunTime(run.totalRunTime(), run.stateType(), run.stateTimestamp(), now),
                estimatedStartTimeDelta(run.startTime(), run.expectedStartTime(), run.stateType(), now),
                run.autoScheduled, run.infrastructureDocumentId, run.infrastructurePid, run.createdBy, run.workPoolId,
                run.workPoolName, run.state(), run.jobVariables);
    }

    /** Time spent running, including the current stretch of a RUNNING run. */
    public static double estimatedRunTime(double totalRunTime, StateType stateType, OffsetDateTime stateTimestamp,
            OffsetDateTime now) {
        if (stateType == StateType.RUNNING && stateTimestamp != null) {
            return totalRunTime + seconds(stateTimestamp, now);
        }
        return totalRunTime;
    }

    /** Lateness: how much later than expected the run started (or, not started and not finished, is now). */
    public static double estimatedStartTimeDelta(OffsetDateTime startTime, OffsetDateTime expectedStartTime,
            StateType stateType, OffsetDateTime now) {
        if (startTime != null && expectedStartTime != null && startTime.isAfter(expectedStartTime)) {
            return seconds(expectedStartTime, startTime);
        }
        if (startTime == null && expectedStartTime != null && expectedStartTime.isBefore(now)
                && !StateTypes.isTerminal(stateType)) {
            return seconds(expectedStartTime, now);
        }
        return 0.0;
    }

    private static double seconds(OffsetDateTime from, OffsetDateTime to) {
        return ChronoUnit.MICROS.between(from, to) / 1e6;
    }
}
