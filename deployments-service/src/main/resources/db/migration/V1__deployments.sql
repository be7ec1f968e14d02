-- Work pools, their queues and workers; deployments and their schedules. Every filter and sort path of the API has
-- an index led by workspace_id; the scheduler's cluster-wide scans have their own (noted below).
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE work_pool (
    id                          uuid        PRIMARY KEY,
    workspace_id                uuid        NOT NULL,
    name                        text        NOT NULL,
    description                 text,
    type                        text        NOT NULL,
    base_job_template           jsonb       NOT NULL DEFAULT '{}',
    is_paused                   boolean     NOT NULL DEFAULT false,
    concurrency_limit           integer,
    -- READY / NOT_READY / PAUSED; reported as null for type prefect-agent
    status                      text        NOT NULL,
    storage_configuration       jsonb       NOT NULL,
    last_transitioned_status_at timestamptz,
    -- the pool's queue named "default"; inserted in the same transaction as the pool, hence deferred
    default_queue_id            uuid        NOT NULL,
    created                     timestamptz NOT NULL,
    updated                     timestamptz NOT NULL
);
-- read by name, name any_, the fixed NAME ASC order of /work_pools/filter
CREATE UNIQUE INDEX work_pool_workspace_name ON work_pool (workspace_id, name);

CREATE TABLE work_queue (
    id                uuid        PRIMARY KEY,
    workspace_id      uuid        NOT NULL,
    work_pool_id      uuid        NOT NULL REFERENCES work_pool (id) ON DELETE CASCADE,
    name              text        NOT NULL,
    description       text        NOT NULL DEFAULT '',
    is_paused         boolean     NOT NULL DEFAULT false,
    concurrency_limit integer,
    priority          integer     NOT NULL,
    -- deprecated legacy tag filter {"tags": [...], "deployment_ids": [...]}
    filter            jsonb,
    last_polled       timestamptz,
    status            text        NOT NULL,
    created           timestamptz NOT NULL,
    updated           timestamptz NOT NULL,
    -- bumped on every change; carried by the work-queues snapshots so consumers keep the newest
    version           bigint      NOT NULL DEFAULT 1
);
-- names are unique within a pool; read by pool and name
CREATE UNIQUE INDEX work_queue_workspace_pool_name ON work_queue (workspace_id, work_pool_id, name);
-- the fixed priority order of pool queue lists
CREATE INDEX work_queue_workspace_pool_priority ON work_queue (workspace_id, work_pool_id, priority);
-- /work_queues/filter (across pools, NAME ASC), /work_queues/name/{name}
CREATE INDEX work_queue_workspace_name ON work_queue (workspace_id, name);

ALTER TABLE work_pool ADD CONSTRAINT work_pool_default_queue
    FOREIGN KEY (default_queue_id) REFERENCES work_queue (id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE worker (
    id                         uuid        PRIMARY KEY,
    workspace_id               uuid        NOT NULL,
    work_pool_id               uuid        NOT NULL REFERENCES work_pool (id) ON DELETE CASCADE,
    name                       text        NOT NULL,
    last_heartbeat_time        timestamptz NOT NULL,
    heartbeat_interval_seconds integer,
    status                     text        NOT NULL,
    created                    timestamptz NOT NULL,
    updated                    timestamptz NOT NULL
);
CREATE UNIQUE INDEX worker_workspace_pool_name ON worker (workspace_id, work_pool_id, name);
-- the fixed last_heartbeat_time DESC order of /work_pools/{pool}/workers/filter
CREATE INDEX worker_workspace_pool_heartbeat ON worker (workspace_id, work_pool_id, last_heartbeat_time DESC);
-- the foreman's cluster-wide scan for workers whose heartbeats stopped
CREATE INDEX worker_online_heartbeat ON worker (last_heartbeat_time) WHERE status = 'ONLINE';

CREATE TABLE deployment (
    id                         uuid        PRIMARY KEY,
    workspace_id               uuid        NOT NULL,
    flow_id                    uuid        NOT NULL,
    -- the flow's name, asked of flows-service when the deployment is written (read by name, flow_or_deployment_name)
    flow_name                  text        NOT NULL,
    name                       text        NOT NULL,
    version                    text,
    description                text,
    paused                     boolean     NOT NULL DEFAULT false,
    tags                       text[]      NOT NULL DEFAULT '{}',
    labels                     jsonb       NOT NULL DEFAULT '{}',
    parameters                 jsonb       NOT NULL DEFAULT '{}',
    parameter_openapi_schema   jsonb,
    enforce_parameter_schema   boolean     NOT NULL DEFAULT true,
    job_variables              jsonb       NOT NULL DEFAULT '{}',
    pull_steps                 jsonb,
    path                       text,
    entrypoint                 text,
    storage_document_id        uuid,
    infrastructure_document_id uuid,
    -- exactly what the request named (may stay null when only a pool was named); responses show the queue's name
    work_queue_name            text,
    work_queue_id              uuid        REFERENCES work_queue (id) ON DELETE SET NULL,
    concurrency_limit_id       uuid,
    concurrency_options        jsonb,
    created_by                 jsonb,
    updated_by                 jsonb,
    last_polled                timestamptz,
    status                     text        NOT NULL DEFAULT 'NOT_READY',
    created                    timestamptz NOT NULL,
    updated                    timestamptz NOT NULL,
    -- bumped on every change of the deployment or its schedules (not on status/last_polled, which polling sets)
    snapshot_version           bigint      NOT NULL DEFAULT 1
);
-- upsert on (flow_id, name)
CREATE UNIQUE INDEX deployment_workspace_flow_name ON deployment (workspace_id, flow_id, name);
-- read by flow name and name
CREATE INDEX deployment_workspace_flow_name_name ON deployment (workspace_id, flow_name, name);
-- NAME_ASC / NAME_DESC, name any_
CREATE INDEX deployment_workspace_name ON deployment (workspace_id, name);
-- CREATED_DESC, UPDATED_DESC
CREATE INDEX deployment_workspace_created ON deployment (workspace_id, created DESC);
CREATE INDEX deployment_workspace_updated ON deployment (workspace_id, updated DESC);
-- tags all_ / any_
CREATE INDEX deployment_workspace_tags ON deployment USING gin (workspace_id, tags);
-- name like_, flow_or_deployment_name like_
CREATE INDEX deployment_workspace_name_trgm ON deployment USING gin (workspace_id, name gin_trgm_ops);
CREATE INDEX deployment_workspace_flow_name_trgm ON deployment USING gin (workspace_id, flow_name gin_trgm_ops);
-- work_queue_name any_; the queue join of work_pools / work_pool_queues criteria and of polling
CREATE INDEX deployment_workspace_work_queue_name ON deployment (workspace_id, work_queue_name);
CREATE INDEX deployment_workspace_work_queue ON deployment (workspace_id, work_queue_id);

CREATE TABLE deployment_schedule (
    id                 uuid        PRIMARY KEY,
    workspace_id       uuid        NOT NULL,
    deployment_id      uuid        NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    -- exactly one of the schedule shapes, with only its own keys
    schedule           jsonb       NOT NULL,
    active             boolean     NOT NULL DEFAULT true,
    max_scheduled_runs integer,
    parameters         jsonb       NOT NULL DEFAULT '{}',
    slug               text,
    created            timestamptz NOT NULL,
    updated            timestamptz NOT NULL,
    -- when the scheduler must next create runs for this schedule (now = as soon as possible)
    next_visit_at      timestamptz NOT NULL
);
-- the schedules of a deployment, newest updated first; slugs unique per deployment (NULLs are distinct)
CREATE INDEX deployment_schedule_workspace_deployment ON deployment_schedule (workspace_id, deployment_id, updated DESC);
CREATE UNIQUE INDEX deployment_schedule_deployment_slug ON deployment_schedule (deployment_id, slug);
-- the scheduler's cluster-wide scan for due schedules
CREATE INDEX deployment_schedule_due ON deployment_schedule (next_visit_at) WHERE active;

-- Scheduled flow runs (owned by runs-service) that must be deleted because a deployment changed: written in the
-- transaction of the change, carried out over HTTP right after it commits and retried by the scheduler until
-- runs-service has done it. The scheduler does not create runs for a deployment while it has pending cleanups.
CREATE TABLE scheduled_run_cleanup (
    id                  bigserial   PRIMARY KEY,
    workspace_id        uuid        NOT NULL,
    deployment_id       uuid        NOT NULL,
    -- only runs the scheduler made (auto_scheduled); else also manual scheduled runs
    auto_scheduled_only boolean     NOT NULL,
    -- only runs whose next_scheduled_start_time is after requested_at
    future_only         boolean     NOT NULL,
    requested_at        timestamptz NOT NULL
);
CREATE INDEX scheduled_run_cleanup_deployment ON scheduled_run_cleanup (deployment_id);
