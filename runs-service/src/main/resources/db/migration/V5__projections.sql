-- Projections of other services' entities (libs/events ProjectionTables), fed by their compacted snapshot topics and
-- read by the related-object criteria of /flow_runs/* and /task_runs/* (filters-runs.md §6): a run's flow, its
-- deployment, its work queue and that queue's pool. Only the columns those criteria read, plus id, workspace_id,
-- version and deleted (ProjectionWriter: a row only moves to a higher version; a delete leaves a marker so that a late
-- older snapshot cannot bring the row back). Rebuildable by replaying the topics. Runs reach these rows by primary key
-- (fr.flow_id, fr.deployment_id, fr.work_queue_id); the indexes led by workspace_id serve a planner that starts from
-- the related side ("runs of flows tagged X").

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
-- FlowFilter deployment.is_null_: flow -> its deployments
CREATE INDEX deployment_projection_flow ON deployment_projection (workspace_id, flow_id);
CREATE INDEX deployment_projection_name ON deployment_projection (workspace_id, name);
CREATE INDEX deployment_projection_tags ON deployment_projection USING gin (workspace_id, tags);

-- work-queues: WorkQueueResponse + work_pool_type snapshots (deployments-service). Work pools travel inside their
-- queues' snapshots (a pool's id, name and type never change).
CREATE TABLE work_queue_projection (
    id             uuid    PRIMARY KEY,
    workspace_id   uuid    NOT NULL,
    version        bigint  NOT NULL,
    deleted        boolean NOT NULL,
    name           text,
    work_pool_id   uuid,
    work_pool_name text,
    work_pool_type text
);
CREATE INDEX work_queue_projection_name ON work_queue_projection (workspace_id, name);
CREATE INDEX work_queue_projection_pool ON work_queue_projection (workspace_id, work_pool_name);

-- The pool of each queue with the pool's own column names, so that the shared WorkPoolFilter (id, name, type)
-- compiles against it unchanged. A plain view: PostgreSQL inlines it into the EXISTS.
CREATE VIEW work_pool_of_queue AS
    SELECT q.id AS work_queue_id, q.workspace_id, q.deleted, q.work_pool_id AS id, q.work_pool_name AS name,
           q.work_pool_type AS type
      FROM work_queue_projection q;
