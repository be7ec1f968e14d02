-- Blocks: types, their schemas (with nested-block references), and documents (with references to other documents).
-- Ids are unique across workspaces, but every statement still scopes by workspace_id and every filter and sort
-- path has an index led by it. Deleting a type deletes its schemas and documents (Prefect cascades the same way).

CREATE TABLE block_type (
    id                uuid        PRIMARY KEY,
    workspace_id      uuid        NOT NULL,
    name              text        NOT NULL,
    slug              text        NOT NULL,
    logo_url          text,
    documentation_url text,
    description       text,
    code_example      text,
    is_protected      boolean     NOT NULL DEFAULT false,
    created           timestamptz NOT NULL,
    updated           timestamptz NOT NULL
);

-- read by slug, slug any_, and the uniqueness of slugs
CREATE UNIQUE INDEX block_type_workspace_slug ON block_type (workspace_id, slug);
-- the fixed name order of /block_types/filter
CREATE INDEX block_type_workspace_name ON block_type (workspace_id, name);
-- name like_
CREATE INDEX block_type_workspace_name_trgm ON block_type USING gin (workspace_id, name gin_trgm_ops);

CREATE TABLE block_schema (
    id            uuid        PRIMARY KEY,
    workspace_id  uuid        NOT NULL,
    checksum      text        NOT NULL,
    -- the JSON schema as stored by Prefect: without block_schema_references and without the definitions of nested
    -- blocks (both are rebuilt from block_schema_reference on read)
    fields        jsonb       NOT NULL DEFAULT '{}',
    capabilities  text[]      NOT NULL DEFAULT '{}',
    version       text        NOT NULL,
    block_type_id uuid        NOT NULL REFERENCES block_type (id) ON DELETE CASCADE,
    created       timestamptz NOT NULL,
    updated       timestamptz NOT NULL
);

-- read by checksum (and version), and the uniqueness of (checksum, version)
CREATE UNIQUE INDEX block_schema_workspace_checksum_version ON block_schema (workspace_id, checksum, version);
-- the fixed newest-first order of /block_schemas/filter
CREATE INDEX block_schema_workspace_created ON block_schema (workspace_id, created DESC);
-- block_type_id any_, and the cascade from block_type
CREATE INDEX block_schema_workspace_block_type ON block_schema (workspace_id, block_type_id);
CREATE INDEX block_schema_block_type ON block_schema (block_type_id);
-- block_capabilities all_ (@>), and the distinct capabilities
CREATE INDEX block_schema_workspace_capabilities ON block_schema USING gin (workspace_id, capabilities);

CREATE TABLE block_schema_reference (
    id                        uuid        PRIMARY KEY,
    workspace_id              uuid        NOT NULL,
    name                      text        NOT NULL,
    parent_block_schema_id    uuid        NOT NULL REFERENCES block_schema (id) ON DELETE CASCADE,
    reference_block_schema_id uuid        NOT NULL REFERENCES block_schema (id) ON DELETE CASCADE,
    created                   timestamptz NOT NULL,
    UNIQUE (workspace_id, parent_block_schema_id, name, reference_block_schema_id)
);

CREATE INDEX block_schema_reference_reference ON block_schema_reference (reference_block_schema_id);

CREATE TABLE block_document (
    id              uuid        PRIMARY KEY,
    workspace_id    uuid        NOT NULL,
    name            text        NOT NULL,
    -- the document's own data (references to other documents live in block_document_reference)
    data            json        NOT NULL,
    is_anonymous    boolean     NOT NULL DEFAULT false,
    -- copied from the block type at creation, for BLOCK_TYPE_AND_NAME_ASC
    block_type_name text,
    block_type_id   uuid        NOT NULL REFERENCES block_type (id) ON DELETE CASCADE,
    block_schema_id uuid        NOT NULL REFERENCES block_schema (id) ON DELETE CASCADE,
    created         timestamptz NOT NULL,
    updated         timestamptz NOT NULL
);

-- read by type and name, block_type_id any_, and the uniqueness of names within a type
CREATE UNIQUE INDEX block_document_workspace_type_name ON block_document (workspace_id, block_type_id, name);
-- name any_, NAME_ASC / NAME_DESC
CREATE INDEX block_document_workspace_name ON block_document (workspace_id, name);
-- BLOCK_TYPE_AND_NAME_ASC
CREATE INDEX block_document_workspace_type_name_sort ON block_document (workspace_id, block_type_name, name);
-- is_anonymous eq_
CREATE INDEX block_document_workspace_anonymous ON block_document (workspace_id, is_anonymous, name);
-- name like_
CREATE INDEX block_document_workspace_name_trgm ON block_document USING gin (workspace_id, name gin_trgm_ops);
-- the cascades
CREATE INDEX block_document_block_type ON block_document (block_type_id);
CREATE INDEX block_document_block_schema ON block_document (block_schema_id);

CREATE TABLE block_document_reference (
    id                          uuid        PRIMARY KEY,
    workspace_id                uuid        NOT NULL,
    name                        text        NOT NULL,
    parent_block_document_id    uuid        NOT NULL REFERENCES block_document (id) ON DELETE CASCADE,
    reference_block_document_id uuid        NOT NULL REFERENCES block_document (id) ON DELETE CASCADE,
    created                     timestamptz NOT NULL,
    CHECK (parent_block_document_id <> reference_block_document_id)
);

CREATE INDEX block_document_reference_parent ON block_document_reference (parent_block_document_id);
CREATE INDEX block_document_reference_reference ON block_document_reference (reference_block_document_id);
