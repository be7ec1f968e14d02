-- Flows: one row per (workspace, name). Every filter and sort path has an index led by workspace_id.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE flow (
    id           uuid        PRIMARY KEY,
    workspace_id uuid        NOT NULL,
    name         text        NOT NULL,
    tags         text[]      NOT NULL DEFAULT '{}',
    labels       jsonb       NOT NULL DEFAULT '{}',
    created      timestamptz NOT NULL,
    updated      timestamptz NOT NULL,
    -- bumped on every change; carried by the Kafka snapshots so consumers keep the newest
    version      bigint      NOT NULL DEFAULT 1
);

-- create-or-get, read by name, name any_, NAME_ASC / NAME_DESC
CREATE UNIQUE INDEX flow_workspace_name ON flow (workspace_id, name);
-- CREATED_DESC, UPDATED_DESC
CREATE INDEX flow_workspace_created ON flow (workspace_id, created DESC);
CREATE INDEX flow_workspace_updated ON flow (workspace_id, updated DESC);
-- tags all_ (@>)
CREATE INDEX flow_workspace_tags ON flow USING gin (workspace_id, tags);
-- name like_ (ILIKE '%x%')
CREATE INDEX flow_workspace_name_trgm ON flow USING gin (workspace_id, name gin_trgm_ops);
