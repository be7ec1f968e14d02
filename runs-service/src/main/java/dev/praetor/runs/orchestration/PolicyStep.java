package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import io.smallrye.mutiny.Uni;

/**
 * One entry of a {@link Policy}, instantiated afresh for every transition (so it may remember what it did between
 * its hooks). {@link Orchestrator} enters the steps in policy order, writes the state, then exits them in reverse.
 */
public interface PolicyStep<C extends OrchestrationContext<?>> {

    /** Whether this step takes part in a transition from {@code from} to {@code to} (null = no state). */
    boolean governs(StateType from, StateType to);

    /** The before phase. */
    Uni<Void> enter(C context, StateType from, StateType to);

    /** The after phase (after-hook, cleanup or nothing, depending on what happened since {@link #enter}). */
    Uni<Void> exit(C context);

    /** A readable name for logs and abort reasons: the class name, which is Prefect's rule name. */
    default String ruleName() {
        return getClass().getSimpleName();
    }
}
