-- report gets millions of rows a month on a district's scale: it becomes partitioned by month of local_day, so
-- history reads touch only the months asked and retention drops a whole month instead of deleting rows.
-- Runs in the migration's one transaction: the old table is copied, then dropped; no row is lost.
ALTER TABLE report RENAME TO report_v5;
ALTER INDEX report_pkey RENAME TO report_v5_pkey;
ALTER INDEX report_day_site_idx RENAME TO report_v5_day_site_idx;
ALTER INDEX report_site_observed_idx RENAME TO report_v5_site_observed_idx;

CREATE TABLE report (
  id          uuid        NOT NULL,
  unit        text        NOT NULL,
  site        text        NOT NULL,
  observed_at timestamptz NOT NULL,
  local_day   date        NOT NULL,
  received_at timestamptz NOT NULL,
  metrics     jsonb       NOT NULL,
  note        text,
  body_hash   text        NOT NULL,
  -- the inserting transaction, so a tail can read exactly the rows committed since it last looked
  -- (rows copied here carry this migration's transaction, which is fine: they are all committed)
  txid        xid8        NOT NULL DEFAULT pg_current_xact_id()
) PARTITION BY RANGE (local_day);

-- Months without a partition of their own (rows seeded by hand, a clock far off) land here rather
-- than being refused; partition maintenance moves them into their month when it creates it.
CREATE TABLE report_default PARTITION OF report DEFAULT;

-- A partitioned table's unique key must contain local_day, but idempotency is on the id alone (the
-- same id with another observedAt, even in another month, is a conflict): this table is that key.
CREATE TABLE report_key (
  id        uuid PRIMARY KEY,
  local_day date NOT NULL,
  body_hash text NOT NULL
);

-- Every month that has data, named report_yYYYYmMM like those partition maintenance creates.
DO $$
DECLARE
  month date;
BEGIN
  FOR month IN SELECT DISTINCT date_trunc('month', local_day)::date FROM report_v5 LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF report FOR VALUES FROM (%L) TO (%L)',
                   to_char(month, '"report_y"YYYY"m"MM'), month, (month + interval '1 month')::date);
  END LOOP;
END $$;

INSERT INTO report (id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)
SELECT id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash FROM report_v5;

INSERT INTO report_key (id, local_day, body_hash)
SELECT id, local_day, body_hash FROM report_v5;

DROP TABLE report_v5;

-- Built after the copy, once per partition, rather than maintained row by row during it.
CREATE INDEX report_day_site_idx ON report (local_day, site);
-- History reads of a few sites over a time range (V2); each partition has its own.
CREATE INDEX report_site_observed_idx ON report (site, observed_at);
CREATE INDEX report_txid_idx ON report (txid, id);
-- No index on report_key (local_day): retention finds a dropped month's keys by the ids in its
-- partition, once a month, rather than every insert paying for one more index.
