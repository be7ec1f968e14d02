package dev.praetor.runs.orchestration;

import dev.praetor.rest.filters.StateType;
import dev.praetor.runs.states.State;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * What flow runs and task runs share as far as orchestration is concerned: their current state and the bookkeeping
 * columns the global transforms maintain (states-and-orchestration.md §7). Setters mark the run as changed so the
 * service writes it back (and publishes its snapshot) only when a rule or transform touched it.
 */
public abstract class OrchestratedRun {
    protected UUID id;
    protected String name;
    protected List<String> tags = List.of();
    protected State state;
    protected StateType stateType;
    protected String stateName;
    protected OffsetDateTime stateTimestamp;
    protected int runCount;
    protected OffsetDateTime expectedStartTime;
    protected OffsetDateTime nextScheduledStartTime;
    protected OffsetDateTime startTime;
    protected OffsetDateTime endTime;
    protected double totalRunTime;
    private boolean changed;

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<String> tags() {
        return tags;
    }

    /** The current state (with its data), null when the run has none. */
    public State state() {
        return state;
    }

    public UUID stateId() {
        return state == null ? null : state.id();
    }

    public StateType stateType() {
        return stateType;
    }

    public String stateName() {
        return stateName;
    }

    public OffsetDateTime stateTimestamp() {
        return stateTimestamp;
    }

    public int runCount() {
        return runCount;
    }

    public OffsetDateTime expectedStartTime() {
        return expectedStartTime;
    }

    public OffsetDateTime nextScheduledStartTime() {
        return nextScheduledStartTime;
    }

    public OffsetDateTime startTime() {
        return startTime;
    }

    public OffsetDateTime endTime() {
        return endTime;
    }

    /** Seconds spent in RUNNING so far. */
    public double totalRunTime() {
        return totalRunTime;
    }

    /** Whether orchestration changed anything that must be written back. */
    public boolean changed() {
        return changed;
    }

    protected void markChanged() {
        changed = true;
    }

    /**
     * Sets the stored values of a loaded row (for repositories); unlike the setters it does not mark the run as
     * changed.
     */
    public final void restore(UUID id, String name, List<String> tags, State state, StateType stateType, String stateName,
            OffsetDateTime stateTimestamp, int runCount, OffsetDateTime expectedStartTime,
            OffsetDateTime nextScheduledStartTime, OffsetDateTime startTime, OffsetDateTime endTime, double totalRunTime) {
        this.id = id;
        this.name = name;
        this.tags = tags;
        this.state = state;
        this.stateType = stateType;
        this.stateName = stateName;
        this.stateTimestamp = stateTimestamp;
        this.runCount = runCount;
        this.expectedStartTime = expectedStartTime;
        this.nextScheduledStartTime = nextScheduledStartTime;
        this.startTime = startTime;
        this.endTime = endTime;
        this.totalRunTime = totalRunTime;
    }

    public void setName(String value) {
        name = value;
        markChanged();
    }

    public void setTags(List<String> value) {
        tags = List.copyOf(value);
        markChanged();
    }

    /** Points the run at a newly written state (Prefect's {@code run.set_state}). */
    public void setState(State newState) {
        state = newState;
        markChanged();
    }

    public void setStateType(StateType value) {
        stateType = value;
        markChanged();
    }

    public void setStateName(String value) {
        stateName = value;
        markChanged();
    }

    public void setStateTimestamp(OffsetDateTime value) {
        stateTimestamp = value;
        markChanged();
    }

    public void setRunCount(int value) {
        runCount = value;
        markChanged();
    }

    public void setExpectedStartTime(OffsetDateTime value) {
        expectedStartTime = value;
        markChanged();
    }

    public void setNextScheduledStartTime(OffsetDateTime value) {
        nextScheduledStartTime = value;
        markChanged();
    }

    public void setStartTime(OffsetDateTime value) {
        startTime = value;
        markChanged();
    }

    public void setEndTime(OffsetDateTime value) {
        endTime = value;
        markChanged();
    }

    public void setTotalRunTime(double seconds) {
        totalRunTime = seconds;
        markChanged();
    }
}
