package dev.praetor.runs.flowruns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.praetor.runs.orchestration.OrchestratedRun;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A {@code flow_run} row as the service works on it: loaded (and locked) by {@link FlowRunRepository}, changed by
 * orchestration, written back when {@link #changed()}. {@code version} counts committed changes and is carried by the
 * row's Kafka snapshots.
 */
public class FlowRunEntity extends OrchestratedRun {
    UUID workspaceId;
    OffsetDateTime created;
    OffsetDateTime updated;
    UUID flowId;
    UUID deploymentId;
    String deploymentVersion;
    UUID workQueueId;
    String workQueueName;
    UUID workPoolId;
    String workPoolName;
    String flowVersion;
    ObjectNode parameters;
    String idempotencyKey;
    ObjectNode context;
    FlowRunPolicy empiricalPolicy = FlowRunPolicy.DEFAULTS;
    ObjectNode labels;
    UUID parentTaskRunId;
    boolean autoScheduled;
    UUID infrastructureDocumentId;
    String infrastructurePid;
    ObjectNode createdBy;
    ObjectNode jobVariables;
    long version;

    FlowRunEntity() {
    }

    /** A run built from scratch (for unit tests of rules); the service loads runs through the repository. */
    public static FlowRunEntity create(UUID id, UUID workspaceId, UUID flowId, String name, List<String> tags) {
        FlowRunEntity run = new FlowRunEntity();
        run.id = id;
        run.workspaceId = workspaceId;
        run.flowId = flowId;
        run.name = name;
        run.tags = tags;
        return run;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public UUID flowId() {
        return flowId;
    }

    public UUID deploymentId() {
        return deploymentId;
    }

    public UUID workQueueId() {
        return workQueueId;
    }

    public String workQueueName() {
        return workQueueName;
    }

    public UUID workPoolId() {
        return workPoolId;
    }

    public String workPoolName() {
        return workPoolName;
    }

    public UUID parentTaskRunId() {
        return parentTaskRunId;
    }

    public String infrastructurePid() {
        return infrastructurePid;
    }

    public ObjectNode createdBy() {
        return createdBy;
    }

    public long version() {
        return version;
    }

    public FlowRunPolicy empiricalPolicy() {
        return empiricalPolicy;
    }

    public void setEmpiricalPolicy(FlowRunPolicy policy) {
        empiricalPolicy = policy;
        markChanged();
    }

    /** Loading helpers: they describe the stored row and do not mark the run as changed. */
    public FlowRunEntity withDeployment(UUID id) {
        deploymentId = id;
        return this;
    }

    public FlowRunEntity withParentTaskRun(UUID id) {
        parentTaskRunId = id;
        return this;
    }

    public FlowRunEntity withInfrastructurePid(String pid) {
        infrastructurePid = pid;
        return this;
    }

    public FlowRunEntity withRunCount(int count) {
        runCount = count;
        return this;
    }

    public FlowRunEntity withPolicy(FlowRunPolicy policy) {
        empiricalPolicy = policy;
        return this;
    }

    public FlowRunEntity withState(dev.praetor.runs.states.State current) {
        state = current;
        if (current != null) {
            stateType = current.type();
            stateName = current.name();
            stateTimestamp = current.timestamp();
        }
        return this;
    }
}
