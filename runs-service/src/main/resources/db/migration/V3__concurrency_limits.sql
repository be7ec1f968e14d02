-- Concurrency limits (other-resources.md §2-§3). v1 tag limits are v2 limits named 'tag:<tag>', as in Prefect 3.x;
-- deployment limits are v2 limits named 'deployment:<id>'. Leases live here (Prefect keeps them in memory by
-- default), so every replica sees them and a restart loses none.
CREATE TABLE concurrency_limit_v2 (
    id                         uuid PRIMARY KEY,
    workspace_id               uuid NOT NULL,
    created                    timestamptz NOT NULL DEFAULT now(),
    updated                    timestamptz NOT NULL DEFAULT now(),
    active                     boolean NOT NULL DEFAULT true,
    name                       text NOT NULL,
    "limit"                    integer NOT NULL CHECK ("limit" >= 0),
    active_slots               integer NOT NULL DEFAULT 0 CHECK (active_slots >= 0),
    denied_slots               integer NOT NULL DEFAULT 0 CHECK (denied_slots >= 0),
    slot_decay_per_second      double precision NOT NULL DEFAULT 0 CHECK (slot_decay_per_second >= 0),
    avg_slot_occupancy_seconds double precision NOT NULL DEFAULT 2.0
);
-- lookups by name (and the filter's ORDER BY name) in a workspace
CREATE UNIQUE INDEX concurrency_limit_v2_workspace_name ON concurrency_limit_v2 (workspace_id, name);

CREATE TABLE concurrency_lease (
    id           uuid PRIMARY KEY,
    workspace_id uuid NOT NULL,
    created      timestamptz NOT NULL DEFAULT now(),
    expires      timestamptz NOT NULL,
    slots        integer NOT NULL,
    holder_type  text,
    holder_id    uuid
);
-- the repossessor's scan across workspaces (housekeeping, not a request path)
CREATE INDEX concurrency_lease_expires ON concurrency_lease (expires);
CREATE INDEX concurrency_lease_workspace_holder ON concurrency_lease (workspace_id, holder_id);

-- the limits a lease holds slots on (Prefect's lease.resource_ids)
CREATE TABLE concurrency_lease_limit (
    lease_id     uuid NOT NULL REFERENCES concurrency_lease (id) ON DELETE CASCADE,
    limit_id     uuid NOT NULL,
    workspace_id uuid NOT NULL,
    PRIMARY KEY (lease_id, limit_id)
);
CREATE INDEX concurrency_lease_limit_workspace_limit ON concurrency_lease_limit (workspace_id, limit_id);
