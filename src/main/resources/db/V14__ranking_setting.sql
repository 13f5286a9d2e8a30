-- The admin's settings of the red and black lists (红黑榜), one row. A null floor means no admin has set it yet,
-- and the config file's default (ranking.on-time-red-floor) holds; every node compares the version with its own.
CREATE TABLE ranking_setting (
  one                boolean PRIMARY KEY DEFAULT true CHECK (one),
  on_time_red_floor  integer CHECK (on_time_red_floor BETWEEN 0 AND 100),
  version            bigint NOT NULL,
  updated_at         timestamptz,
  updated_by         text
);
INSERT INTO ranking_setting (one, on_time_red_floor, version) VALUES (true, NULL, 0);
