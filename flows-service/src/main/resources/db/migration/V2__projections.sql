-- Projections of other services' entities (libs/events ProjectionTables), fed by their compacted snapshot topics and
-- read by the related-object criteria of /flows/filter|count|paginate (flows.md §2.3). Only the columns those
-- criteria read, plus id, workspace_id, version and deleted (ProjectionWriter: a row only moves to a higher version;
-- a delete leaves a marker so that a late older snapshot cannot bring the row back). Rebuildable by replaying the
-- topics. Every join and filter path has an index led by workspace_id.

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
-- flow -> its runs (EXISTS ... fr.flow_id = f.id), also narrowed by state
CREATE INDEX flow_run_projection_flow ON flow_run_projection (workspace_id, flow_id, state_type);
-- runs of a state, for a planner that starts from the runs ("flows with a FAILED run")
CREATE INDEX flow_run_projection_state ON flow_run_projection (workspace_id, state_type, flow_id);
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

-- deployments: DeploymentResponse + flow_name snapshots (deployments-service)
CREATE TABLE deployment_projection (
    id              uuid    PRIMARY KEY,
    workspace_id    uuid    NOT NULL,
    version         bigint  NOT NULL,
    deleted         boolean NOT NULL,
    flow_id         uuid,
    name            text,
    flow_name       text,
    paused          boolean,
    tags            text[]  NOT NULL DEFAULT '{}',
    work_queue_name text,
    work_queue_id   uuid
);
-- flow -> its deployments (deployments criteria, work_pools criteria, FlowFilter deployment.is_null_)
CREATE INDEX deployment_projection_flow ON deployment_projection (workspace_id, flow_id);
CREATE INDEX deployment_projection_name ON deployment_projection (workspace_id, name);
CREATE INDEX deployment_projection_tags ON deployment_projection USING gin (workspace_id, tags);

-- work-queues: WorkQueueResponse + work_pool_type snapshots (deployments-service). Work pools travel inside their
-- queues' snapshots (a pool's id, name and type never change), so a deployment's pool is its queue's pool.
CREATE TABLE work_queue_projection (
    id             uuid    PRIMARY KEY,
    workspace_id   uuid    NOT NULL,
    version        bigint  NOT NULL,
    deleted        boolean NOT NULL,
    work_pool_id   uuid,
    work_pool_name text,
    work_pool_type text
);
CREATE INDEX work_queue_projection_pool ON work_queue_projection (workspace_id, work_pool_name);

-- The pool of each queue with the pool's own column names, so that the shared WorkPoolFilter (id, name, type)
-- compiles against it unchanged. A plain view: PostgreSQL inlines it into the EXISTS.
CREATE VIEW work_pool_of_queue AS
    SELECT q.id AS work_queue_id, q.workspace_id, q.deleted, q.work_pool_id AS id, q.work_pool_name AS name,
           q.work_pool_type AS type
      FROM work_queue_projection q;
