-- Connections as announced on integrations.v1 (non-secret settings only); a removed one stays as a marker so an
-- older event replayed from the compacted topic cannot bring it back.
CREATE TABLE connection (
    id                    text        PRIMARY KEY,
    tenant                text        NOT NULL,
    vendor                text        NOT NULL,
    settings              jsonb       NOT NULL,
    removed               boolean     NOT NULL,
    event_time            timestamptz NOT NULL,
    registration_state    text        NOT NULL DEFAULT 'pending',
    registration_detail   text,
    registration_checked  timestamptz
);

-- The unguessable path tokens vendors post to: only their SHA-256 is kept. One per vendor webhook registration.
CREATE TABLE webhook_endpoint (
    token_hash        bytea       PRIMARY KEY,
    connection_id     text        NOT NULL REFERENCES connection (id),
    tenant            text        NOT NULL,
    vendor            text        NOT NULL,
    vendor_webhook_id text,
    created_at        timestamptz NOT NULL
);
CREATE INDEX webhook_endpoint_connection ON webhook_endpoint (connection_id);

-- One row per vendor event (CloudEvent id). A claimer holds lease_until while its records are in flight;
-- published_parts is a bit set of what Kafka acknowledged (1 = ticket event, 2 = raw webhook). A claim whose
-- publish failed is released (lease_until = -infinity), so the vendor's retry publishes what is missing.
CREATE TABLE webhook_dedupe (
    event_id        uuid        PRIMARY KEY,
    tenant          text        NOT NULL,
    received_at     timestamptz NOT NULL,
    lease_until     timestamptz NOT NULL,
    published_parts smallint    NOT NULL
);
-- rows arrive in time order: a BRIN index keeps the purge cheap without slowing the inserts
CREATE INDEX webhook_dedupe_received ON webhook_dedupe USING brin (received_at);
