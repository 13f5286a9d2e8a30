-- One row per accepted report. The primary key is the client's id: idempotency is this unique key.
CREATE TABLE report (
  id          uuid        PRIMARY KEY,
  unit        text        NOT NULL,
  site        text        NOT NULL,
  observed_at timestamptz NOT NULL,
  -- the jurisdiction's local date of observed_at, fixed at ingest so days never shift with the server's zone
  local_day   date        NOT NULL,
  received_at timestamptz NOT NULL,
  metrics     jsonb       NOT NULL,
  note        text,
  -- SHA-256 of the canonical body: a resend matches it, a reused id with other content does not
  body_hash   text        NOT NULL
);

CREATE INDEX report_day_site_idx ON report (local_day, site);
