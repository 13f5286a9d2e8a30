-- The exact live picture on every node (issue 12): each row carries the id of the transaction that
-- wrote it, so every node can follow the committed rows in commit-safe order, (txid, id), reading only
-- below the oldest transaction still running. A sequence could not do this: its values are taken
-- before commit, and transactions commit out of order. IF NOT EXISTS: the partitioning migration may
-- have added both already.
ALTER TABLE report ADD COLUMN IF NOT EXISTS txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX IF NOT EXISTS report_txid_idx ON report (txid, id);

-- The causes an alert has counted: a report id, or the day of a missing-report deadline. A firing
-- whose cause is already here changes nothing, so a firing sent twice (a lost acknowledgement, or the
-- rule evaluator handing over to another node) is counted once. Pruned after a few days.
CREATE TABLE alert_firing (
  rule    text        NOT NULL,
  subject text        NOT NULL,
  cause   text        NOT NULL,
  at      timestamptz NOT NULL,
  PRIMARY KEY (rule, subject, cause)
);
CREATE INDEX alert_firing_at_idx ON alert_firing (at);
