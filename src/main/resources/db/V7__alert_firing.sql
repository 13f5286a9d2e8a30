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
