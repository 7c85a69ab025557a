-- A deleted connection is first only marked removed: the tenant no longer sees it, but Switchboard's services can
-- still read its credentials for a grace period (webhook-ingest-service deletes the vendor webhook it registered).
-- The purge job then deletes the row; its webhook secret goes with it (ON DELETE CASCADE), its audit rows stay.
ALTER TABLE connection ADD COLUMN removed_at timestamptz;
-- the purge looks for removed rows only
CREATE INDEX connection_removed_at ON connection (removed_at) WHERE removed_at IS NOT NULL;
