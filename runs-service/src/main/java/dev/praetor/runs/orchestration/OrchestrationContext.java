package dev.praetor.runs.orchestration;

import dev.praetor.events.SnapshotRecord;
import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.OrchestrationResult;
import dev.praetor.runs.states.SetStateStatus;
import dev.praetor.runs.states.State;
import dev.praetor.runs.states.StateDetails;
import dev.praetor.runs.states.StateResponseDetails;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * One proposed transition of one run, as the rules see it: the run (a mutable working copy, locked by the caller),
 * its initial state, the proposed state (replaced or removed by rules), and the verdict so far. After
 * {@link Orchestrator} has run, {@link #validatedState()} is the state the run is in and {@link #stateWritten()} says
 * whether that state is new and must be stored.
 *
 * <p>Side effects that must commit with the change (events, other runs' snapshots) are collected in
 * {@link #changeFacts()} and written to the outbox by the caller, in the same transaction.
 */
public abstract class OrchestrationContext<R extends OrchestratedRun> {
    private final UUID workspaceId;
    private final SqlConnection connection;
    private final R run;
    private final State initialState;
    private final OrchestrationParameters parameters;
    private final Clock clock;
    private final List<SnapshotRecord> changeFacts;
    private State proposedState;
    private State validatedState;
    private boolean stateWritten;
    private SetStateStatus status = SetStateStatus.ACCEPT;
    private StateResponseDetails details = new StateResponseDetails.Accept();
    private Throwable orchestrationError;

    protected OrchestrationContext(UUID workspaceId, SqlConnection connection, R run, State proposedState,
            OrchestrationParameters parameters, Clock clock, List<SnapshotRecord> changeFacts) {
        this.workspaceId = workspaceId;
        this.connection = connection;
        this.run = run;
        this.initialState = run.state();
        this.proposedState = proposedState;
        this.parameters = parameters;
        this.clock = clock;
        this.changeFacts = changeFacts;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    /** The transaction the orchestration runs in (null in unit tests of rules that need no database). */
    public SqlConnection connection() {
        return connection;
    }

    public R run() {
        return run;
    }

    public State initialState() {
        return initialState;
    }

    public StateType initialStateType() {
        return initialState == null ? null : initialState.type();
    }

    public State proposedState() {
        return proposedState;
    }

    public StateType proposedStateType() {
        return proposedState == null ? null : proposedState.type();
    }

    /** Replaces the proposed state with a changed copy (new details, timestamp…); the transition's type stays. */
    public void setProposedState(State state) {
        this.proposedState = state;
    }

    /** No state will be written: a rule rejected without replacement, delayed or aborted. */
    public boolean nullified() {
        return proposedState == null;
    }

    public State validatedState() {
        return validatedState;
    }

    public boolean stateWritten() {
        return stateWritten;
    }

    public SetStateStatus status() {
        return status;
    }

    public StateResponseDetails details() {
        return details;
    }

    public OrchestrationParameters parameters() {
        return parameters;
    }

    public Throwable orchestrationError() {
        return orchestrationError;
    }

    /** The server clock, at the database's precision (microseconds). */
    public OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public List<SnapshotRecord> changeFacts() {
        return changeFacts;
    }

    /** Records a change fact to publish with this transaction (an event, another run's snapshot). */
    public void publish(SnapshotRecord fact) {
        changeFacts.add(fact);
    }

    /** Fills the run references of a state about to be written (Prefect's {@code UpdateStateDetails}). */
    protected abstract void linkToRun(StateDetails.Builder details);

    void applyRunLinks() {
        proposedState = proposedState.withDetails(builder -> {
            linkToRun(builder);
            return builder;
        });
    }

    void setVerdict(SetStateStatus status, StateResponseDetails details) {
        this.status = status;
        this.details = details;
    }

    void failWith(Throwable error, String reason) {
        proposedState = null;
        orchestrationError = error;
        setVerdict(SetStateStatus.ABORT, new StateResponseDetails.Abort(reason));
    }

    /**
     * The write step between the before and after phases: a remaining proposed state becomes the run's state;
     * otherwise the run keeps its current state (Prefect's {@code validate_proposed_state}).
     */
    void validate() {
        if (proposedState == null) {
            validatedState = run.state();
            stateWritten = false;
        } else {
            run.setState(proposedState);
            validatedState = proposedState;
            stateWritten = true;
        }
    }

    public OrchestrationResult result() {
        return new OrchestrationResult(validatedState, status, details);
    }
}
