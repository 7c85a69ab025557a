-- The signing secret of the vendor webhook registered for a connection (written by webhook-ingest-service through
-- the internal API), sealed like the connection's secrets. Its own row: storing it changes nothing the tenant sees.
CREATE TABLE webhook_secret (
    connection_id     uuid PRIMARY KEY REFERENCES connection (id) ON DELETE CASCADE,
    tenant            text        NOT NULL,
    secret_ciphertext bytea       NOT NULL,
    wrapped_data_key  bytea       NOT NULL,
    kek_version       integer     NOT NULL,
    set_at            timestamptz NOT NULL,
    row_version       bigint      NOT NULL
);
CREATE INDEX webhook_secret_kek_version ON webhook_secret (kek_version);

-- The audit now covers every use of the internal secrets API, reads and writes.
ALTER TABLE credential_read_audit RENAME TO credential_audit;
ALTER INDEX credential_read_audit_connection RENAME TO credential_audit_connection;
ALTER TABLE credential_audit RENAME COLUMN read_at TO at;
ALTER TABLE credential_audit ADD COLUMN action text NOT NULL DEFAULT 'read-credentials';
ALTER TABLE credential_audit ALTER COLUMN action DROP DEFAULT;
