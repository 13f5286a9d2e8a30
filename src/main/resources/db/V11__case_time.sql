-- The closed loop's time: the time-limit table (时限表) and the working-day calendar, seeded once from
-- config/case-limits.json, then kept in /admin. Limits are text as the admin writes them ("30 minutes",
-- "2 workdays"); the server reads them with the file's own reader. V10 made both tables as the cases'
-- contract named them; this adds what keeping them in /admin needs (written so it holds either way).
CREATE TABLE IF NOT EXISTS case_limit (
  category  text NOT NULL,
  urgency   text NOT NULL,
  sign      text NOT NULL,
  handle    text NOT NULL,
  verify    text NOT NULL,
  PRIMARY KEY (category, urgency)
);
-- the table's order as the admin wrote it: the page shows it back as written
ALTER TABLE case_limit ADD COLUMN IF NOT EXISTS position integer NOT NULL DEFAULT 0;

-- Days that are not what their weekday says: holidays off, 调休 make-up days worked.
CREATE TABLE IF NOT EXISTS work_day (
  day      date PRIMARY KEY,
  working  boolean NOT NULL,
  note     text
);
UPDATE work_day SET note = '' WHERE note IS NULL;
ALTER TABLE work_day ALTER COLUMN note SET DEFAULT '', ALTER COLUMN note SET NOT NULL;

-- One row: the version of both, raised by every change; every node compares it with what it holds.
-- 0 means never seeded.
CREATE TABLE case_time_version (
  one      boolean PRIMARY KEY DEFAULT true CHECK (one),
  version  bigint NOT NULL
);
INSERT INTO case_time_version (one, version) VALUES (true, 0);
