package dev.praetor.runs.taskruns;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.runs.states.State;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Prefect's reduced {@code TaskRunResponse}, only used inside {@code /task_runs/paginate} results (task-runs.md §1.4). */
@JsonPropertyOrder({"id", "created", "updated", "name", "flow_run_id", "task_key", "state_id", "state", "task_version",
        "task_inputs", "empirical_policy", "tags", "start_time", "end_time", "total_run_time", "estimated_run_time",
        "estimated_start_time_delta"})
public record TaskRunResponse(UUID id, OffsetDateTime created, OffsetDateTime updated, String name, UUID flow_run_id,
        String task_key, UUID state_id, State state, String task_version, ObjectNode task_inputs,
        TaskRunPolicy empirical_policy, List<String> tags, OffsetDateTime start_time, OffsetDateTime end_time,
        double total_run_time, double estimated_run_time, double estimated_start_time_delta) {

    static TaskRunResponse of(TaskRun run) {
        return new TaskRunResponse(run.id(), run.created(), run.updated(), run.name(), run.flow_run_id(), run.task_key(),
                run.state_id(), run.state(), run.task_version(), run.task_inputs(), run.empirical_policy(), run.tags(),
                run.start_time(), run.end_time(), run.total_run_time(), run.estimated_run_time(),
                run.estimated_start_time_delta());
    }
}
