package dev.praetor.runs.orchestration;

/** A transition that the engine cannot carry out as asked (Prefect's {@code OrchestrationError}); answered with 500. */
public class OrchestrationException extends RuntimeException {
    public OrchestrationException(String message) {
        super(message);
    }
}
