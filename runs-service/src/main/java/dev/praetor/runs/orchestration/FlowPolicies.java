package dev.praetor.runs.orchestration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Supplier;

/**
 * The flow-run policies in Prefect's priority order (states-and-orchestration.md §4, §5, §7, §8): which one applies
 * is the caller's choice ({@code force} → minimal); {@link #global()} runs after every one of them.
 */
@ApplicationScoped
public class FlowPolicies {
    private final Policy<FlowOrchestrationContext> core;
    private final Policy<FlowOrchestrationContext> minimal;
    private final Policy<FlowOrchestrationContext> markLate;
    private final Policy<FlowOrchestrationContext> global;

    @Inject
    public FlowPolicies(DeploymentConcurrency deployments, FlowRunStateTimestamps timestamps,
            SubflowParentTasks parentTasks, OrchestrationSettings settings) {
        core = new Policy<>("CoreFlowPolicy", List.<Supplier<? extends PolicyStep<FlowOrchestrationContext>>>of(
                PreserveDeploymentConcurrencyLeaseId::new,
                PreventDuplicateTransitions::new,
                HandleFlowTerminalStateTransitions::new,
                EnforceCancellingToCancelledTransition::new,
                BypassCancellingFlowRunsWithNoInfra::new,
                PreventPendingTransitions::new,
                () -> new ValidateDeploymentConcurrencyAtRunning(deployments, settings),
                () -> new SecureFlowConcurrencySlots(deployments, settings),
                () -> new RemoveDeploymentConcurrencyLeaseForOldClientVersions(deployments),
                EnsureOnlyScheduledFlowsMarkedLate::new,
                HandlePausingFlows::new,
                HandleResumingPausedFlows::new,
                CopyScheduledTime::new,
                WaitForScheduledTime::new,
                RetryFailedFlows::new,
                InstrumentFlowRunStateTransitions::new,
                () -> new ReleaseFlowConcurrencySlots(deployments)));
        minimal = new Policy<>("MinimalFlowPolicy", List.<Supplier<? extends PolicyStep<FlowOrchestrationContext>>>of(
                PreventResultDataLoss::new,
                BypassCancellingFlowRunsWithNoInfra::new,
                InstrumentFlowRunStateTransitions::new,
                () -> new ReleaseFlowConcurrencySlots(deployments)));
        markLate = new Policy<>("MarkLateRunsPolicy", List.<Supplier<? extends PolicyStep<FlowOrchestrationContext>>>of(
                EnsureOnlyScheduledFlowsMarkedLate::new,
                () -> new EnforceDeploymentConcurrencyOnLate(deployments),
                InstrumentFlowRunStateTransitions::new));
        global = new Policy<>("GlobalFlowPolicy", List.<Supplier<? extends PolicyStep<FlowOrchestrationContext>>>of(
                () -> new EnsureFlowRunStateTimestampIsUnique(timestamps),
                SetRunStateType::new,
                SetRunStateName::new,
                SetRunStateTimestamp::new,
                SetStartTime::new,
                SetEndTime::new,
                IncrementRunTime::new,
                SetExpectedStartTime::new,
                SetNextScheduledStartTime::new,
                UpdateStateDetails::new,
                () -> new UpdateSubflowParentTask(parentTasks),
                UpdateSubflowStateDetails::new,
                IncrementFlowRunCount::new,
                RemoveResumingIndicator::new));
    }

    /** {@code set_state} without force, {@code /resume}, {@code bulk_set_state}. */
    public Policy<FlowOrchestrationContext> core() {
        return core;
    }

    /** Forced proposals and the initial state of a new run: only what even force may not bypass. */
    public Policy<FlowOrchestrationContext> minimal() {
        return minimal;
    }

    /** The late-runs service's proposals of {@code Late}. */
    public Policy<FlowOrchestrationContext> markLate() {
        return markLate;
    }

    public Policy<FlowOrchestrationContext> global() {
        return global;
    }

    public Policy<FlowOrchestrationContext> forProposal(boolean force) {
        return force ? minimal : core;
    }
}
