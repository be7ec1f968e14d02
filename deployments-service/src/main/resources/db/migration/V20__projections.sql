-- Projections of other services' entities (libs/events ProjectionTables), fed by their compacted snapshot topics and
-- read by the related-object criteria of /deployments/filter|count|paginate (deployments.md §3.3): flows (tags; a
-- deployment keeps its flow's id and name itself), flow-runs and task-runs. Work pools and queues are this service's
-- own tables. Only the columns those criteria read, plus id, workspace_id, version and deleted (ProjectionWriter: a
-- row only moves to a higher version; a delete leaves a marker so that a late older snapshot cannot bring the row
-- back). Rebuildable by replaying the topics. Every join and filter path has an index led by workspace_id.

-- flows: Flow snapshots (flows-service)
CREATE TABLE flow_projection (
    id           uuid    PRIMARY KEY,
    workspace_id uuid    NOT NULL,
    version      bigint  NOT NULL,
    deleted      boolean NOT NULL,
    name         text,
    tags         text[]  NOT NULL DEFAULT '{}'
);
CREATE INDEX flow_projection_name ON flow_projection (workspace_id, name);
CREATE INDEX flow_projection_tags ON flow_projection USING gin (workspace_id, tags);

-- flow-runs: FlowRunResponse snapshots (runs-service)
CREATE TABLE flow_run_projection (
    id                        uuid        PRIMARY KEY,
    workspace_id              uuid        NOT NULL,
    version                   bigint      NOT NULL,
    deleted                   boolean     NOT NULL,
    flow_id                   uuid,
    name                      text,
    tags                      text[]      NOT NULL DEFAULT '{}',
    deployment_id             uuid,
    work_queue_name           text,
    state_type                text,
    state_name                text,
    flow_version              text,
    start_time                timestamptz,
    end_time                  timestamptz,
    expected_start_time       timestamptz,
    next_scheduled_start_time timestamptz,
    parent_task_run_id        uuid,
    idempotency_key           text,
    created_by                jsonb
);
-- deployment -> its runs (EXISTS ... fr.deployment_id = d.id), also narrowed by state
CREATE INDEX flow_run_projection_deployment ON flow_run_projection (workspace_id, deployment_id, state_type);
-- runs of a state, for a planner that starts from the runs ("deployments with a FAILED run")
CREATE INDEX flow_run_projection_state ON flow_run_projection (workspace_id, state_type, deployment_id);
-- subflow_runs: task run -> the flow run it is the parent of
CREATE INDEX flow_run_projection_parent_task ON flow_run_projection (workspace_id, parent_task_run_id);
CREATE INDEX flow_run_projection_tags ON flow_run_projection USING gin (workspace_id, tags);

-- task-runs: TaskRun snapshots (runs-service)
CREATE TABLE task_run_projection (
    id                  uuid        PRIMARY KEY,
    workspace_id        uuid        NOT NULL,
    version             bigint      NOT NULL,
    deleted             boolean     NOT NULL,
    flow_run_id         uuid,
    name                text,
    tags                text[]      NOT NULL DEFAULT '{}',
    state_type          text,
    state_name          text,
    start_time          timestamptz,
    end_time            timestamptz,
    expected_start_time timestamptz
);
-- flow run -> its task runs
CREATE INDEX task_run_projection_flow_run ON task_run_projection (workspace_id, flow_run_id, state_type);
CREATE INDEX task_run_projection_state ON task_run_projection (workspace_id, state_type, flow_run_id);
CREATE INDEX task_run_projection_tags ON task_run_projection USING gin (workspace_id, tags);

