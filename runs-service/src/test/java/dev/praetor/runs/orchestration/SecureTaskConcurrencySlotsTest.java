package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateResponseDetails;
import dev.praetor.runs.taskruns.TaskRunEntity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecureTaskConcurrencySlotsTest {
    /** Tag limits that answer a fixed decision and count releases. */
    static final class FixedSlots implements TaskConcurrencySlots {
        final Decision decision;
        int releases;

        FixedSlots(Decision decision) {
            this.decision = decision;
        }

        @Override
        public Uni<Decision> acquire(SqlConnection tx, UUID workspaceId, UUID taskRunId, List<String> tags) {
            return Uni.createFrom().item(decision);
        }

        @Override
        public Uni<Void> release(SqlConnection tx, UUID workspaceId, UUID taskRunId, List<String> tags) {
            releases++;
            return Uni.createFrom().voidItem();
        }
    }

    private static TaskRunEntity taggedRun() {
        return TaskRunEntity.create(UUID.randomUUID(), WORKSPACE, null, "t", List.of("db")).withState(state(StateType.PENDING));
    }

    @Test
    void fullTagLimitMakesTheTaskWait() {
        var slots = new FixedSlots(new TaskConcurrencySlots.Decision.Wait(10, "Concurrency limit for the db tag has been reached"));
        TaskOrchestrationContext ctx = apply(task(taggedRun(), null, state(StateType.RUNNING)), () -> new SecureTaskConcurrencySlots(slots));
        assertEquals(new StateResponseDetails.Wait(10, "Concurrency limit for the db tag has been reached"), ctx.details());
    }

    @Test
    void zeroTagLimitAbortsTheTask() {
        var slots = new FixedSlots(new TaskConcurrencySlots.Decision.Abort("deadlock"));
        TaskOrchestrationContext ctx = apply(task(taggedRun(), null, state(StateType.RUNNING)), () -> new SecureTaskConcurrencySlots(slots));
        assertEquals(SetStateStatus.ABORT, ctx.status());
    }

    @Test
    void slotsAreGivenBackWhenALaterRuleStopsTheTransition() {
        var slots = new FixedSlots(new TaskConcurrencySlots.Decision.Acquired());
        apply(task(taggedRun(), null, state(StateType.RUNNING)), () -> new SecureTaskConcurrencySlots(slots),
                () -> new OrchestrationRule<TaskOrchestrationContext>(StateTypeSet.ALL, StateTypeSet.ALL) {
                    @Override
                    protected Uni<Void> beforeTransition(State initial, State proposed, TaskOrchestrationContext c) {
                        delay(5, "later");
                        return done();
                    }
                });
        assertEquals(1, slots.releases);
    }
}
