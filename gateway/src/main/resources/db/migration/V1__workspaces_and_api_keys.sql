-- Workspaces the Cloud-style prefix can name, and the API keys that may act in them.
CREATE TABLE workspace (
    id             uuid        PRIMARY KEY,
    account_id     uuid        NOT NULL,
    account_name   text        NOT NULL,
    account_handle text        NOT NULL,
    name           text        NOT NULL,
    handle         text        NOT NULL,
    description    text        NOT NULL DEFAULT '',
    created        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_workspace_handle UNIQUE (account_id, handle)
);

-- A key is shown once at creation; only its SHA-256 hash is kept (keys are 32 random bytes, so a plain hash is
-- enough). Revoking sets revoked; expiration is checked on every use.
CREATE TABLE api_key (
    id           uuid        PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    key_hash     bytea       NOT NULL,
    key_prefix   text        NOT NULL,
    created      timestamptz NOT NULL DEFAULT now(),
    expiration   timestamptz,
    revoked      timestamptz,
    CONSTRAINT uq_api_key_hash UNIQUE (key_hash)
);

CREATE INDEX ix_api_key_workspace_created ON api_key (workspace_id, created);
