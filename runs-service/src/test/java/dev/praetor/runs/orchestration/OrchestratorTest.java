package dev.praetor.runs.orchestration;

import static dev.praetor.runs.orchestration.Transitions.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.flowruns.FlowRunEntity;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The engine semantics every rule relies on (states-and-orchestration.md §3). */
class OrchestratorTest {

    /** A rule that aborts every proposal it sees. */
    static class AbortEverything extends OrchestrationRule<FlowOrchestrationContext> {
        AbortEverything() {
            super(StateTypeSet.ALL, StateTypeSet.ALL);
        }

        @Override
        protected io.smallrye.mutiny.Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
            abort("no");
            return done();
        }
    }

    /** Records which of its hooks ran. */
    static class Recorder extends OrchestrationRule<FlowOrchestrationContext> {
        static final java.util.List<String> HOOKS = new java.util.ArrayList<>();

        Recorder() {
            super(StateTypeSet.ALL, StateTypeSet.of(StateType.RUNNING));
        }

        @Override
        protected io.smallrye.mutiny.Uni<Void> beforeTransition(State initial, State proposed, FlowOrchestrationContext ctx) {
            HOOKS.add("before");
            return done();
        }

        @Override
        protected io.smallrye.mutiny.Uni<Void> afterTransition(State initial, State validated, FlowOrchestrationContext ctx) {
            HOOKS.add("after");
            return done();
        }

        @Override
        protected io.smallrye.mutiny.Uni<Void> cleanup(State initial, State validated, FlowOrchestrationContext ctx) {
            HOOKS.add("cleanup");
            return done();
        }
    }

    @Test
    void acceptedProposalBecomesTheRunsState() {
        FlowRunEntity run = flowRun(state(StateType.PENDING));
        State proposed = state(StateType.RUNNING);
        FlowOrchestrationContext ctx = apply(flow(run, proposed));
        assertEquals(SetStateStatus.ACCEPT, ctx.status());
        assertTrue(ctx.stateWritten());
        assertEquals(proposed.id(), ctx.validatedState().id());
        assertEquals(proposed.id(), run.stateId());
    }

    @Test
    void ruleThatFiresBeforeALaterAbortCleansUpInsteadOfFinishing() {
        Recorder.HOOKS.clear();
        apply(flow(flowRun(state(StateType.PENDING)), state(StateType.RUNNING)), Recorder::new, AbortEverything::new);
        assertEquals(java.util.List.of("before", "cleanup"), Recorder.HOOKS);
    }

    @Test
    void ruleAfterAnAbortDoesNotFireAtAll() {
        Recorder.HOOKS.clear();
        FlowOrchestrationContext ctx = apply(flow(flowRun(state(StateType.PENDING)), state(StateType.RUNNING)),
                AbortEverything::new, Recorder::new);
        assertEquals(java.util.List.of(), Recorder.HOOKS);
        assertEquals(SetStateStatus.ABORT, ctx.status());
        assertFalse(ctx.stateWritten());
    }

    @Test
    void rejectedProposalWithoutReplacementKeepsTheCurrentState() {
        State current = state(StateType.RUNNING, d -> d.transitionId(UUID.randomUUID()));
        FlowOrchestrationContext ctx = apply(flow(flowRun(current),
                state(StateType.COMPLETED, d -> d.transitionId(current.state_details().transition_id()))),
                PreventDuplicateTransitions::new);
        assertEquals(SetStateStatus.REJECT, ctx.status());
        assertSame(current, ctx.validatedState());
        assertFalse(ctx.stateWritten());
    }

    @Test
    void errorInABeforeHookFailsTheOrchestration() {
        // a rule rejecting without a replacement on a run that has no state is an orchestration error
        FlowOrchestrationContext ctx = flow(flowRun(null), state(StateType.SCHEDULED, "Late"));
        var failure = assertThrows(OrchestrationException.class, () -> apply(ctx, () -> new OrchestrationRule<FlowOrchestrationContext>(
                StateTypeSet.ALL, StateTypeSet.ALL) {
            @Override
            protected io.smallrye.mutiny.Uni<Void> beforeTransition(State i, State p, FlowOrchestrationContext c) {
                reject(null, "impossible");
                return done();
            }
        }));
        assertTrue(failure.getMessage().contains("cannot be rejected without providing a new state"));
    }
}
