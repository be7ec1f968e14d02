-- Flow runs, task runs, their state histories and logs. Every filter and sort path has an index led by
-- workspace_id. Durations are stored as float seconds (Prefect's JSON form).
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE flow_run (
    id                         uuid        PRIMARY KEY,
    workspace_id               uuid        NOT NULL,
    created                    timestamptz NOT NULL,
    updated                    timestamptz NOT NULL,
    name                       text        NOT NULL,
    flow_id                    uuid        NOT NULL,
    state_id                   uuid,
    deployment_id              uuid,
    deployment_version         text,
    work_queue_id              uuid,
    work_queue_name            text,
    work_pool_id               uuid,
    work_pool_name             text,
    flow_version               text,
    parameters                 jsonb       NOT NULL DEFAULT '{}',
    idempotency_key            text,
    context                    jsonb       NOT NULL DEFAULT '{}',
    empirical_policy           jsonb       NOT NULL DEFAULT '{}',
    tags                       text[]      NOT NULL DEFAULT '{}',
    labels                     jsonb       NOT NULL DEFAULT '{}',
    parent_task_run_id         uuid,
    state_type                 text,
    state_name                 text,
    state_timestamp            timestamptz,
    run_count                  integer     NOT NULL DEFAULT 0,
    expected_start_time        timestamptz,
    next_scheduled_start_time  timestamptz,
    start_time                 timestamptz,
    end_time                   timestamptz,
    total_run_time             double precision NOT NULL DEFAULT 0,
    auto_scheduled             boolean     NOT NULL DEFAULT false,
    infrastructure_document_id uuid,
    infrastructure_pid         text,
    created_by                 jsonb,
    job_variables              jsonb,
    -- bumped on every change; carried by the Kafka snapshots so consumers keep the newest
    version                    bigint      NOT NULL DEFAULT 1
);
-- idempotent creation per (flow, key)
CREATE UNIQUE INDEX flow_run_idempotency ON flow_run (workspace_id, flow_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX flow_run_workspace_id ON flow_run (workspace_id, id DESC);
CREATE INDEX flow_run_workspace_flow ON flow_run (workspace_id, flow_id);
CREATE INDEX flow_run_workspace_deployment ON flow_run (workspace_id, deployment_id);
CREATE INDEX flow_run_workspace_state_type ON flow_run (workspace_id, state_type);
CREATE INDEX flow_run_workspace_state_name ON flow_run (workspace_id, state_name);
CREATE INDEX flow_run_workspace_name ON flow_run (workspace_id, name);
CREATE INDEX flow_run_workspace_name_trgm ON flow_run USING gin (workspace_id, name gin_trgm_ops);
CREATE INDEX flow_run_workspace_tags ON flow_run USING gin (workspace_id, tags);
CREATE INDEX flow_run_workspace_expected_start ON flow_run (workspace_id, expected_start_time);
CREATE INDEX flow_run_workspace_next_scheduled ON flow_run (workspace_id, next_scheduled_start_time);
CREATE INDEX flow_run_workspace_start ON flow_run (workspace_id, (COALESCE(start_time, expected_start_time)));
CREATE INDEX flow_run_workspace_end ON flow_run (workspace_id, end_time DESC);
CREATE INDEX flow_run_workspace_parent_task ON flow_run (workspace_id, parent_task_run_id);
CREATE INDEX flow_run_workspace_queue_name ON flow_run (workspace_id, work_queue_name);
CREATE INDEX flow_run_workspace_queue ON flow_run (workspace_id, work_queue_id);
CREATE INDEX flow_run_workspace_flow_version ON flow_run (workspace_id, flow_version);
CREATE INDEX flow_run_workspace_idempotency_key ON flow_run (workspace_id, idempotency_key);

CREATE TABLE flow_run_state (
    id            uuid        PRIMARY KEY,
    workspace_id  uuid        NOT NULL,
    flow_run_id   uuid        NOT NULL REFERENCES flow_run (id) ON DELETE CASCADE,
    type          text        NOT NULL,
    name          text        NOT NULL,
    timestamp     timestamptz NOT NULL,
    message       text,
    data          jsonb,
    state_details jsonb       NOT NULL DEFAULT '{}'
);
-- Prefect keeps one state per (run, timestamp): proposals nudge their timestamp forward on collision
CREATE UNIQUE INDEX flow_run_state_run_timestamp ON flow_run_state (flow_run_id, timestamp);
CREATE INDEX flow_run_state_workspace_run ON flow_run_state (workspace_id, flow_run_id, timestamp);

-- task runs arrive mostly from client events (the recorder), possibly before their flow run: no foreign key
CREATE TABLE task_run (
    id                        uuid        PRIMARY KEY,
    workspace_id              uuid        NOT NULL,
    created                   timestamptz NOT NULL,
    updated                   timestamptz NOT NULL,
    name                      text        NOT NULL,
    flow_run_id               uuid,
    task_key                  text        NOT NULL,
    dynamic_key               text        NOT NULL,
    cache_key                 text,
    cache_expiration          timestamptz,
    task_version              text,
    empirical_policy          jsonb       NOT NULL DEFAULT '{}',
    tags                      text[]      NOT NULL DEFAULT '{}',
    labels                    jsonb       NOT NULL DEFAULT '{}',
    task_inputs               jsonb       NOT NULL DEFAULT '{}',
    state_id                  uuid,
    state_type                text,
    state_name                text,
    state_timestamp           timestamptz,
    run_count                 integer     NOT NULL DEFAULT 0,
    flow_run_run_count        integer     NOT NULL DEFAULT 0,
    expected_start_time       timestamptz,
    next_scheduled_start_time timestamptz,
    start_time                timestamptz,
    end_time                  timestamptz,
    total_run_time            double precision NOT NULL DEFAULT 0,
    version                   bigint      NOT NULL DEFAULT 1
);
-- dedupe of task runs within a flow run (autonomous task runs have no flow run: NULLs compare equal)
CREATE UNIQUE INDEX task_run_natural_key ON task_run (workspace_id, flow_run_id, task_key, dynamic_key) NULLS NOT DISTINCT;
CREATE INDEX task_run_workspace_id ON task_run (workspace_id, id DESC);
CREATE INDEX task_run_workspace_flow_run ON task_run (workspace_id, flow_run_id);
CREATE INDEX task_run_workspace_state_type ON task_run (workspace_id, state_type);
CREATE INDEX task_run_workspace_state_name ON task_run (workspace_id, state_name);
CREATE INDEX task_run_workspace_name ON task_run (workspace_id, name);
CREATE INDEX task_run_workspace_name_trgm ON task_run USING gin (workspace_id, name gin_trgm_ops);
CREATE INDEX task_run_workspace_tags ON task_run USING gin (workspace_id, tags);
CREATE INDEX task_run_workspace_expected_start ON task_run (workspace_id, expected_start_time);
CREATE INDEX task_run_workspace_next_scheduled ON task_run (workspace_id, next_scheduled_start_time);
CREATE INDEX task_run_workspace_start ON task_run (workspace_id, start_time);
CREATE INDEX task_run_workspace_end ON task_run (workspace_id, end_time DESC);
-- target of flow_run.parent_task_run_id: a subflow's parent task run must exist in the same workspace
ALTER TABLE task_run ADD CONSTRAINT task_run_workspace_id_unique UNIQUE (workspace_id, id);
-- Deleting a task run detaches its subflows (the service does it first, publishing their snapshots; this is the
-- safety net). A missing parent is a 409, as in Prefect.
ALTER TABLE flow_run ADD CONSTRAINT flow_run_parent_task_run_fk FOREIGN KEY (workspace_id, parent_task_run_id)
    REFERENCES task_run (workspace_id, id) ON DELETE SET NULL (parent_task_run_id);

CREATE TABLE task_run_state (
    id            uuid        PRIMARY KEY,
    workspace_id  uuid        NOT NULL,
    task_run_id   uuid        NOT NULL REFERENCES task_run (id) ON DELETE CASCADE,
    type          text        NOT NULL,
    name          text        NOT NULL,
    timestamp     timestamptz NOT NULL,
    message       text,
    data          jsonb,
    state_details jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX task_run_state_workspace_run ON task_run_state (workspace_id, task_run_id, timestamp);

CREATE TABLE log (
    id           uuid        PRIMARY KEY,
    workspace_id uuid        NOT NULL,
    created      timestamptz NOT NULL DEFAULT now(),
    updated      timestamptz NOT NULL DEFAULT now(),
    name         text        NOT NULL,
    level        smallint    NOT NULL,
    flow_run_id  uuid,
    task_run_id  uuid,
    message      text        NOT NULL,
    timestamp    timestamptz NOT NULL
);
CREATE INDEX log_workspace_timestamp ON log (workspace_id, timestamp);
CREATE INDEX log_workspace_flow_run_timestamp ON log (workspace_id, flow_run_id, timestamp);
CREATE INDEX log_workspace_task_run_timestamp ON log (workspace_id, task_run_id, timestamp);

-- Inputs a paused flow run waits for (flow-runs.md §1.3), unique per (run, key); deleted with their run.
CREATE TABLE flow_run_input (
    id           uuid        PRIMARY KEY,
    workspace_id uuid        NOT NULL,
    created      timestamptz NOT NULL,
    updated      timestamptz NOT NULL,
    flow_run_id  uuid        NOT NULL REFERENCES flow_run (id) ON DELETE CASCADE,
    key          text        NOT NULL,
    value        text        NOT NULL,
    sender       text
);
CREATE UNIQUE INDEX flow_run_input_workspace_run_key ON flow_run_input (workspace_id, flow_run_id, key);

-- Completed task states cached under their cache key (task orchestration rules CacheRetrieval/CacheInsertion).
-- Keys may be long (over-long keys are still cached, as in Prefect), so the index holds their md5.
CREATE TABLE task_run_state_cache (
    id                uuid        PRIMARY KEY,
    workspace_id      uuid        NOT NULL,
    created           timestamptz NOT NULL,
    cache_key         text        NOT NULL,
    cache_expiration  timestamptz,
    task_run_state_id uuid        NOT NULL
);
CREATE INDEX task_run_state_cache_workspace_key ON task_run_state_cache (workspace_id, md5(cache_key), created DESC);
