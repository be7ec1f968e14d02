package dev.praetor.runs.states;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The {@code details} of an {@link OrchestrationResult}, told apart by {@code type} (states-and-orchestration.md §2). */
public sealed interface StateResponseDetails {

    @JsonProperty("type")
    String type();

    record Accept() implements StateResponseDetails {
        @Override
        public String type() {
            return "accept_details";
        }
    }

    @JsonPropertyOrder({"type", "reason"})
    record Reject(String reason) implements StateResponseDetails {
        @Override
        public String type() {
            return "reject_details";
        }
    }

    /** {@code delay_seconds} is an integer: the client rejects a float here. */
    @JsonPropertyOrder({"type", "delay_seconds", "reason"})
    record Wait(int delay_seconds, String reason) implements StateResponseDetails {
        @Override
        public String type() {
            return "wait_details";
        }
    }

    @JsonPropertyOrder({"type", "reason"})
    record Abort(String reason) implements StateResponseDetails {
        @Override
        public String type() {
            return "abort_details";
        }
    }
}
