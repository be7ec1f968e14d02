package dev.praetor.runs.taskruns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.runs.orchestration.OrchestratedRun;
import dev.praetor.runs.states.State;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A {@code task_run} row as the service works on it: loaded (and locked) by {@link TaskRunRepository}, changed by
 * orchestration, written back when {@link #changed()}.
 */
public class TaskRunEntity extends OrchestratedRun {
    UUID workspaceId;
    OffsetDateTime created;
    OffsetDateTime updated;
    UUID flowRunId;
    String taskKey;
    String dynamicKey;
    String cacheKey;
    OffsetDateTime cacheExpiration;
    String taskVersion;
    TaskRunPolicy empiricalPolicy = TaskRunPolicy.DEFAULTS;
    ObjectNode labels;
    ObjectNode taskInputs;
    int flowRunRunCount;
    long version;

    TaskRunEntity() {
    }

    /** A run built from scratch (for unit tests of rules); the service loads runs through the repository. */
    public static TaskRunEntity create(UUID id, UUID workspaceId, UUID flowRunId, String name, List<String> tags) {
        TaskRunEntity run = new TaskRunEntity();
        run.id = id;
        run.workspaceId = workspaceId;
        run.flowRunId = flowRunId;
        run.name = name;
        run.tags = tags;
        run.taskKey = "task";
        run.dynamicKey = "0";
        return run;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public UUID flowRunId() {
        return flowRunId;
    }

    public String taskKey() {
        return taskKey;
    }

    public TaskRunPolicy empiricalPolicy() {
        return empiricalPolicy;
    }

    public int flowRunRunCount() {
        return flowRunRunCount;
    }

    public long version() {
        return version;
    }

    public void setFlowRunRunCount(int count) {
        flowRunRunCount = count;
        markChanged();
    }

    /** Loading helpers: they describe the stored row and do not mark the run as changed. */
    public TaskRunEntity withPolicy(TaskRunPolicy policy) {
        empiricalPolicy = policy;
        return this;
    }

    public TaskRunEntity withRunCount(int count) {
        runCount = count;
        return this;
    }

    public TaskRunEntity withFlowRunRunCount(int count) {
        flowRunRunCount = count;
        return this;
    }

    public TaskRunEntity withState(State current) {
        state = current;
        if (current != null) {
            stateType = current.type();
            stateName = current.name();
            stateTimestamp = current.timestamp();
        }
        return this;
    }
}
