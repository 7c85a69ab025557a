-- Every ticket event the engine accepted, once: the CloudEvent id is stable across vendor redeliveries and
-- Kafka replays, so the primary key is what makes consumption idempotent.
CREATE TABLE ticket_event_inbox (
    event_id     TEXT PRIMARY KEY,
    tenant       TEXT        NOT NULL,
    vendor       TEXT        NOT NULL,
    ticket_id    TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    occurred_at  TIMESTAMPTZ NOT NULL,
    kafka_topic  TEXT        NOT NULL,
    kafka_partition INT      NOT NULL,
    kafka_offset BIGINT      NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX ticket_event_inbox_tenant_ticket ON ticket_event_inbox (tenant, vendor, ticket_id);
