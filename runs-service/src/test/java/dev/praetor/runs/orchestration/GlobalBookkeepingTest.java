package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.flowruns.FlowRunPolicy;
import dev.praetor.runs.states.State;
import dev.praetor.runs.taskruns.TaskRunEntity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The global bookkeeping transforms (states-and-orchestration.md §7), through the real global policies. */
class GlobalBookkeepingTest {
    private final List<State> mirrored = new ArrayList<>();
    private final List<OffsetDateTime> existingTimestamps = new ArrayList<>();
    private final FlowPolicies flowPolicies = new FlowPolicies(FakeDeployments.unlimited(), this::timestampsAtOrAfter,
            (ctx, taskRunId, state) -> {
                mirrored.add(state);
                return Uni.createFrom().voidItem();
            }, OrchestrationSettings.DEFAULTS);
    private final TaskPolicies taskPolicies = new TaskPolicies(new FakeCache(), new NoTaskConcurrencyLimits(),
            new ScheduledTaskQueues(), OrchestrationSettings.DEFAULTS);

    private Uni<List<OffsetDateTime>> timestampsAtOrAfter(SqlConnection tx, UUID workspaceId, UUID runId, OffsetDateTime from) {
        return Uni.createFrom().item(existingTimestamps.stream().filter(t -> !t.isBefore(from)).sorted().toList());
    }

    private FlowOrchestrationContext forced(FlowRunEntity run, State proposed) {
        return apply(flow(run, proposed), flowPolicies.minimal(), flowPolicies.global());
    }

    @Test
    void firstStateSetsTypeNameExpectedStartAndLinksTheRun() {
        FlowRunEntity run = flowRun(null);
        State pending = state(StateType.PENDING);
        FlowOrchestrationContext ctx = forced(run, pending);
        assertEquals(StateType.PENDING, run.stateType());
        assertEquals("Pending", run.stateName());
        assertEquals(pending.timestamp(), run.expectedStartTime());
        assertEquals(run.id(), ctx.validatedState().state_details().flow_run_id());
        assertEquals(0, run.runCount());
    }

    @Test
    void scheduledStateSetsExpectedAndNextScheduledStartToItsScheduledTime() {
        FlowRunEntity run = flowRun(null);
        OffsetDateTime at = now().plusHours(2);
        forced(run, state(StateType.SCHEDULED, d -> d.scheduledTime(at)));
        assertEquals(at, run.expectedStartTime());
        assertEquals(at, run.nextScheduledStartTime());
        forced(run, state(StateType.PENDING));
        assertNull(run.nextScheduledStartTime());
    }

    @Test
    void enteringRunningCountsTheAttemptAndStartsTheClock() {
        FlowRunEntity run = flowRun(state(StateType.PENDING));
        State running = state(StateType.RUNNING);
        forced(run, running);
        assertEquals(1, run.runCount());
        assertEquals(running.timestamp(), run.startTime());
    }

    @Test
    void leavingRunningAddsTheTimeSpentAndFinishingSetsTheEndTime() {
        FlowRunEntity run = flowRun(stateAgo(StateType.RUNNING, Duration.ofSeconds(3)));
        State completed = state(StateType.COMPLETED);
        forced(run, completed);
        assertEquals(3.0, run.totalRunTime(), 0.1);
        assertEquals(completed.timestamp(), run.endTime());
        assertEquals(completed.timestamp(), run.startTime());
    }

    @Test
    void leavingATerminalStateClearsTheEndTime() {
        FlowRunEntity run = flowRun(state(StateType.FAILED));
        run.setEndTime(now());
        forced(run, state(StateType.SCHEDULED));
        assertNull(run.endTime());
    }

    @Test
    void resumingRunDoesNotCountANewAttemptAndLosesItsResumingMark() {
        FlowRunEntity run = flowRun(state(StateType.PAUSED)).withRunCount(1).withPolicy(FlowRunPolicy.DEFAULTS.withResuming(true));
        forced(run, state(StateType.RUNNING));
        assertEquals(1, run.runCount());
        assertFalse(run.empiricalPolicy().resuming());
    }

    @Test
    void subflowStatesNameTheParentTaskAndAreMirroredOntoIt() {
        UUID parentTask = UUID.randomUUID();
        FlowRunEntity run = flowRun(state(StateType.PENDING)).withParentTaskRun(parentTask);
        FlowOrchestrationContext ctx = forced(run, state(StateType.RUNNING));
        assertEquals(parentTask, ctx.validatedState().state_details().task_run_id());
        assertEquals(1, mirrored.size());
        State copy = mirrored.get(0);
        assertNotEquals(ctx.validatedState().id(), copy.id());
        assertEquals(run.id(), copy.state_details().child_flow_run_id());
        assertEquals(StateType.RUNNING, copy.type());
    }

    @Test
    void collidingTimestampMovesToTheNextFreeMicrosecond() {
        State current = state(StateType.PENDING);
        FlowRunEntity run = flowRun(current);
        existingTimestamps.add(current.timestamp());
        existingTimestamps.add(current.timestamp().plusNanos(1000));
        FlowOrchestrationContext ctx = forced(run, state(StateType.RUNNING).withTimestamp(current.timestamp()));
        assertEquals(current.timestamp().plusNanos(2000), ctx.validatedState().timestamp());
        assertEquals(ctx.validatedState().timestamp(), run.stateTimestamp());
    }

    @Test
    void taskStatesNameTheTaskAndItsFlowRunAndRunningCountsAnAttempt() {
        UUID flowRunId = UUID.randomUUID();
        TaskRunEntity run = taskRun(flowRunId, state(StateType.PENDING));
        TaskOrchestrationContext ctx = apply(task(run, null, state(StateType.RUNNING)),
                taskPolicies.forProposal(state(StateType.RUNNING), true), taskPolicies.global());
        assertEquals(run.id(), ctx.validatedState().state_details().task_run_id());
        assertEquals(flowRunId, ctx.validatedState().state_details().flow_run_id());
        assertEquals(1, run.runCount());
    }

    @Test
    void nothingIsBookedForAWait() {
        FlowRunEntity run = flowRun(state(StateType.SCHEDULED, d -> d.scheduledTime(now().plusMinutes(5))));
        apply(flow(run, state(StateType.RUNNING)), flowPolicies.core(), flowPolicies.global());
        assertEquals(0, run.runCount());
        assertFalse(run.changed());
    }

    @Test
    void markLatePolicyMarksOnlyScheduledRunsLate() {
        FlowRunEntity scheduled = flowRun(state(StateType.SCHEDULED, d -> d.scheduledTime(now().minusMinutes(1))));
        FlowOrchestrationContext late = apply(flow(scheduled, state(StateType.SCHEDULED, "Late")), flowPolicies.markLate(),
                flowPolicies.global());
        assertEquals("Late", scheduled.stateName());
        assertEquals(1, late.changeFacts().size());
        FlowRunEntity running = flowRun(state(StateType.RUNNING));
        apply(flow(running, state(StateType.SCHEDULED, "Late")), flowPolicies.markLate(), flowPolicies.global());
        assertEquals(StateType.RUNNING, running.stateType());
    }
}
