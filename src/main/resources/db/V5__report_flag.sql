-- Readings flagged at ingest for the daily review: an outlier against the site's own last
-- 28 days, or a day total made implausible by the report. One row per report and metric; clearing
-- fills the cleared_* columns, and that row is the audit of who cleared it, when and why.
CREATE TABLE report_flag (
  report_id  uuid             NOT NULL,
  metric     text             NOT NULL,
  site       text             NOT NULL,
  local_day  date             NOT NULL,
  value      double precision NOT NULL,
  reason     text             NOT NULL,
  detail     text             NOT NULL,
  flagged_at timestamptz      NOT NULL,
  cleared_by text,
  cleared_at timestamptz,
  clear_note text,
  PRIMARY KEY (report_id, metric)
);
CREATE INDEX report_flag_day_idx ON report_flag (local_day, site);
