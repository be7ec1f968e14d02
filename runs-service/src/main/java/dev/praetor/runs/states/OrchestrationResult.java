package dev.praetor.runs.states;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Prefect's {@code OrchestrationResult}: the state the run is in after the proposal, the verdict and its details. */
@JsonPropertyOrder({"state", "status", "details"})
public record OrchestrationResult(State state, SetStateStatus status, StateResponseDetails details) {
}
