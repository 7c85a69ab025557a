-- One row per vendor connection. Secrets only as ciphertext (AES-256-GCM under a per-row data key, itself
-- wrapped by the key-encryption key of kek_version); settings hold the non-secret fields.
CREATE TABLE connection (
    id                uuid PRIMARY KEY,
    tenant            text        NOT NULL,
    vendor            text        NOT NULL,
    display_name      text,
    settings          jsonb       NOT NULL,
    secret_ciphertext bytea       NOT NULL,
    wrapped_data_key  bytea       NOT NULL,
    kek_version       integer     NOT NULL,
    secret_hints      jsonb       NOT NULL,
    validation_state  text        NOT NULL,
    validation_report jsonb,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    row_version       bigint      NOT NULL
);
CREATE INDEX connection_tenant ON connection (tenant);
-- rotation looks for rows not yet under the current key
CREATE INDEX connection_kek_version ON connection (kek_version);

-- Debezium EventRouter columns; relayed to Kafka by outbox-relay (aggregatetype = destination topic,
-- aggregateid = record key, payload = the CloudEvent as it goes on the wire).
CREATE TABLE outbox_event (
    id            uuid PRIMARY KEY,
    aggregatetype text        NOT NULL,
    aggregateid   text        NOT NULL,
    type          text        NOT NULL,
    payload       jsonb       NOT NULL,
    created_at    timestamptz NOT NULL
);

-- Every read of decrypted credentials: who (token's client), when, which connection.
CREATE TABLE credential_read_audit (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    connection_id uuid        NOT NULL,
    tenant        text        NOT NULL,
    client_id     text        NOT NULL,
    subject       text,
    read_at       timestamptz NOT NULL
);
CREATE INDEX credential_read_audit_connection ON credential_read_audit (connection_id, read_at);
