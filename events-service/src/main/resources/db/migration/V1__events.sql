-- The event store. An event is stored once per workspace (clients re-send after reconnecting). event_resource
-- holds one row per resource an event names (the primary resource with role '', then each related one) so that
-- resource, related and any_resource filters are index lookups instead of JSON scans. Every filter path has an
-- index led by workspace_id.
CREATE TABLE event (
    workspace_id uuid        NOT NULL,
    id           uuid        NOT NULL,
    occurred     timestamptz NOT NULL,
    event        text        NOT NULL,
    resource_id  text        NOT NULL,
    resource     jsonb       NOT NULL,
    related      jsonb       NOT NULL DEFAULT '[]',
    payload      jsonb       NOT NULL DEFAULT '{}',
    follows      uuid,
    received     timestamptz NOT NULL,
    recorded     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX event_workspace_occurred ON event (workspace_id, occurred, id);
CREATE INDEX event_workspace_event_occurred ON event (workspace_id, event, occurred);
CREATE INDEX event_workspace_resource_occurred ON event (workspace_id, resource_id, occurred);

CREATE TABLE event_resource (
    workspace_id  uuid        NOT NULL,
    event_id      uuid        NOT NULL,
    occurred      timestamptz NOT NULL,
    resource_id   text        NOT NULL,
    resource_role text        NOT NULL,  -- '' for the event's primary resource
    labels        jsonb       NOT NULL,  -- the resource's labels other than its id and role
    FOREIGN KEY (workspace_id, event_id) REFERENCES event (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX event_resource_workspace_resource ON event_resource (workspace_id, resource_id, occurred);
CREATE INDEX event_resource_workspace_role ON event_resource (workspace_id, resource_role, occurred);
CREATE INDEX event_resource_workspace_event ON event_resource (workspace_id, event_id);
