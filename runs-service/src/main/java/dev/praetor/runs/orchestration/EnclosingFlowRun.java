package dev.praetor.runs.orchestration;

import dev.praetor.runs.states.State;
import java.util.UUID;

/** What task rules need to know about the flow run a task run belongs to, read when the task run is locked. */
public record EnclosingFlowRun(UUID id, int runCount, State state) {
}
