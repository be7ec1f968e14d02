package dev.praetor.runs.orchestration;

import dev.praetor.runs.states.State;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Supplier;

/** The task-run policies in Prefect's priority order (states-and-orchestration.md §4, §6, §7, §8). */
@ApplicationScoped
public class TaskPolicies {
    private final Policy<TaskOrchestrationContext> core;
    private final Policy<TaskOrchestrationContext> minimal;
    private final Policy<TaskOrchestrationContext> background;
    private final Policy<TaskOrchestrationContext> global;

    @Inject
    public TaskPolicies(TaskRunStateCache cache, TaskConcurrencySlots slots, ScheduledTaskQueues queues,
            OrchestrationSettings settings) {
        core = new Policy<>("CoreTaskPolicy", List.<Supplier<? extends PolicyStep<TaskOrchestrationContext>>>of(
                () -> new CacheRetrieval(cache),
                HandleTaskTerminalStateTransitions::new,
                PreventRunningTasksFromStoppedFlows::new,
                () -> new SecureTaskConcurrencySlots(slots),
                CopyScheduledTime::new,
                WaitForScheduledTime::new,
                RetryFailedTasks::new,
                RenameReruns::new,
                UpdateFlowRunTrackerOnTasks::new,
                () -> new CacheInsertion(cache, settings),
                () -> new ReleaseTaskConcurrencySlots(slots)));
        minimal = new Policy<>("MinimalTaskPolicy", List.<Supplier<? extends PolicyStep<TaskOrchestrationContext>>>of(
                () -> new ReleaseTaskConcurrencySlots(slots)));
        background = new Policy<>("BackgroundTaskPolicy", List.<Supplier<? extends PolicyStep<TaskOrchestrationContext>>>of(
                PreventPendingTransitions::new,
                () -> new CacheRetrieval(cache),
                HandleTaskTerminalStateTransitions::new,
                CopyScheduledTime::new,
                CopyTaskParametersID::new,
                WaitForScheduledTime::new,
                RetryFailedTasks::new,
                RenameReruns::new,
                UpdateFlowRunTrackerOnTasks::new,
                () -> new CacheInsertion(cache, settings),
                () -> new ReleaseTaskConcurrencySlots(slots),
                () -> new EnqueueScheduledTasks(queues)));
        global = new Policy<>("GlobalTaskPolicy", List.<Supplier<? extends PolicyStep<TaskOrchestrationContext>>>of(
                SetRunStateType::new,
                SetRunStateName::new,
                SetRunStateTimestamp::new,
                SetStartTime::new,
                SetEndTime::new,
                IncrementRunTime::new,
                SetExpectedStartTime::new,
                SetNextScheduledStartTime::new,
                UpdateStateDetails::new,
                IncrementTaskRunCount::new));
    }

    /**
     * Prefect's selection (task-runs.md §3.5): a deferred proposal always gets the background policy, even when
     * forced; otherwise force means minimal.
     */
    public Policy<TaskOrchestrationContext> forProposal(State proposed, boolean force) {
        if (Boolean.TRUE.equals(proposed.state_details().deferred())) {
            return background;
        }
        return force ? minimal : core;
    }

    public Policy<TaskOrchestrationContext> global() {
        return global;
    }
}
