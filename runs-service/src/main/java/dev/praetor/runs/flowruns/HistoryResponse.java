package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.praetor.rest.filters.StateType;
import java.time.OffsetDateTime;
import java.util.List;

/** Prefect's {@code HistoryResponse}: one interval of a run history (run-history.md §2). */
@JsonPropertyOrder({"interval_start", "interval_end", "states"})
public record HistoryResponse(OffsetDateTime interval_start, OffsetDateTime interval_end, List<State> states) {

    @JsonPropertyOrder({"state_type", "state_name", "count_runs", "sum_estimated_run_time", "sum_estimated_lateness"})
    public record State(StateType state_type, String state_name, long count_runs, double sum_estimated_run_time,
            double sum_estimated_lateness) {
    }
}
