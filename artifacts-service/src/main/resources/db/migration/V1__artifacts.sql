-- Artifacts and the "latest" collection (one row per key, mirroring the newest artifact with that key).
-- Every filter and sort path has an index led by workspace_id.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE artifact (
    id           uuid        PRIMARY KEY,
    workspace_id uuid        NOT NULL,
    key          text,
    type         text,
    description  text,
    -- json, not jsonb: an exact copy of any JSON value (jsonb would reject strings holding \u0000), never queried into
    data         json,
    metadata_    jsonb,
    flow_run_id  uuid,
    task_run_id  uuid,
    created      timestamptz NOT NULL,
    updated      timestamptz NOT NULL
);

-- ID_DESC, id any_
CREATE UNIQUE INDEX artifact_workspace_id ON artifact (workspace_id, id DESC);
-- CREATED_DESC, UPDATED_DESC
CREATE INDEX artifact_workspace_created ON artifact (workspace_id, created DESC);
CREATE INDEX artifact_workspace_updated ON artifact (workspace_id, updated DESC);
-- key any_ / exists_, KEY_ASC / KEY_DESC, and the next latest version of a key when its latest is deleted
CREATE INDEX artifact_workspace_key_created ON artifact (workspace_id, key, created DESC);
-- key like_ (ILIKE '%x%')
CREATE INDEX artifact_workspace_key_trgm ON artifact USING gin (workspace_id, key gin_trgm_ops);
CREATE INDEX artifact_workspace_flow_run ON artifact (workspace_id, flow_run_id);
CREATE INDEX artifact_workspace_task_run ON artifact (workspace_id, task_run_id);
CREATE INDEX artifact_workspace_type ON artifact (workspace_id, type);

CREATE TABLE artifact_collection (
    id           uuid        PRIMARY KEY,
    workspace_id uuid        NOT NULL,
    key          text        NOT NULL,
    latest_id    uuid        NOT NULL,
    type         text,
    description  text,
    data         json,
    metadata_    jsonb,
    flow_run_id  uuid,
    task_run_id  uuid,
    created      timestamptz NOT NULL,
    updated      timestamptz NOT NULL
);

-- the upsert on create, read by key, key any_, KEY_ASC / KEY_DESC
CREATE UNIQUE INDEX artifact_collection_workspace_key ON artifact_collection (workspace_id, key);
-- ID_DESC
CREATE UNIQUE INDEX artifact_collection_workspace_id ON artifact_collection (workspace_id, id DESC);
-- latest_id any_, and the mirror updates when an artifact is patched or deleted
CREATE INDEX artifact_collection_workspace_latest ON artifact_collection (workspace_id, latest_id);
CREATE INDEX artifact_collection_workspace_created ON artifact_collection (workspace_id, created DESC);
CREATE INDEX artifact_collection_workspace_updated ON artifact_collection (workspace_id, updated DESC);
CREATE INDEX artifact_collection_workspace_key_trgm ON artifact_collection USING gin (workspace_id, key gin_trgm_ops);
CREATE INDEX artifact_collection_workspace_flow_run ON artifact_collection (workspace_id, flow_run_id);
CREATE INDEX artifact_collection_workspace_task_run ON artifact_collection (workspace_id, task_run_id);
CREATE INDEX artifact_collection_workspace_type ON artifact_collection (workspace_id, type);
