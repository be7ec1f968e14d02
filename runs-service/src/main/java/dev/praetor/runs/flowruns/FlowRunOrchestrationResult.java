package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateResponseDetails;
import java.util.UUID;

/** One run's entry in the {@code bulk_set_state} answer: an {@code OrchestrationResult} naming its run. */
@JsonPropertyOrder({"flow_run_id", "status", "state", "details"})
public record FlowRunOrchestrationResult(UUID flow_run_id, SetStateStatus status, State state,
        StateResponseDetails details) {
}
