-- The events one claim statement took form a claim batch. Once every one of them is on Kafka, the batch is settled
-- with one row update, instead of one update per event (which PostgreSQL turns into a new row version and a new
-- index entry each). An event whose publish failed leaves its batch first (claim_batch NULL, lease released), so a
-- settled batch never covers it. An event counts as fully published when published_parts has both bits or its
-- batch is settled.
CREATE TABLE webhook_dedupe_batch (
    batch_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    settled_at timestamptz
) WITH (fillfactor = 70); -- room on each page, so settling a batch is a heap-only update
CREATE INDEX webhook_dedupe_batch_created ON webhook_dedupe_batch USING brin (created_at);

ALTER TABLE webhook_dedupe ADD COLUMN claim_batch bigint;
