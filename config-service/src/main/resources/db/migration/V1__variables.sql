-- Variables: one row per (workspace, name). Every filter and sort path has an index led by workspace_id.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE variable (
    id           uuid        PRIMARY KEY,
    workspace_id uuid        NOT NULL,
    name         text        NOT NULL,
    -- json, not jsonb: an exact copy of any JSON value ('null' included; jsonb would reject strings holding \u0000)
    value        json        NOT NULL,
    tags         text[]      NOT NULL DEFAULT '{}',
    created      timestamptz NOT NULL,
    updated      timestamptz NOT NULL
);

-- read by name, name any_, NAME_ASC / NAME_DESC, and the uniqueness of names
CREATE UNIQUE INDEX variable_workspace_name ON variable (workspace_id, name);
-- id any_
CREATE UNIQUE INDEX variable_workspace_id ON variable (workspace_id, id);
-- CREATED_DESC, UPDATED_DESC
CREATE INDEX variable_workspace_created ON variable (workspace_id, created DESC);
CREATE INDEX variable_workspace_updated ON variable (workspace_id, updated DESC);
-- tags all_ (@>)
CREATE INDEX variable_workspace_tags ON variable USING gin (workspace_id, tags);
-- name like_ (ILIKE '%x%')
CREATE INDEX variable_workspace_name_trgm ON variable USING gin (workspace_id, name gin_trgm_ops);
