package dev.praetor.runs.states;

/**
 * The answer of a {@code set_state}-like route: the result, and whether this request wrote a state row (Prefect
 * answers 201 exactly then, 200 otherwise).
 */
public record SetStateOutcome(OrchestrationResult result, boolean stateWritten) {

    public int httpStatus() {
        return stateWritten ? 201 : 200;
    }
}
