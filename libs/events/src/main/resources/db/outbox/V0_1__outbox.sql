-- Transactional outbox (libs/events): rows are written in the same transaction as the change they describe,
-- then published to Kafka by the OutboxRelay and deleted. The relay reads in id order, so id order is the
-- publication order (and, per key, the order of the entity's versions).
CREATE TABLE outbox (
    id           bigserial   PRIMARY KEY,
    topic        text        NOT NULL,
    record_key   text        NOT NULL,
    workspace_id uuid        NOT NULL,
    version      bigint      NOT NULL,
    payload      jsonb       NULL,          -- the snapshot; NULL = tombstone
    created      timestamptz NOT NULL DEFAULT now()
);
