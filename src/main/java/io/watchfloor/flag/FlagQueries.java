package io.watchfloor.flag;

/** Every statement of the flag store, in one place. */
final class FlagQueries {
  private FlagQueries() {
  }

  static final String COLUMNS = "report_id, metric, site, local_day, value, reason, detail, flagged_at, cleared_by, cleared_at, clear_note";

  static final String SAVE = """
      INSERT INTO report_flag (report_id, metric, site, local_day, value, reason, detail, flagged_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (report_id, metric) DO NOTHING""";

  static final String LIST = "SELECT " + COLUMNS + " FROM report_flag"
      + " WHERE local_day >= $1 AND local_day < $2 AND site = ANY($3::text[])"
      + " ORDER BY local_day, flagged_at, report_id, metric";

  static final String FIND = "SELECT " + COLUMNS + " FROM report_flag WHERE report_id = $1 AND metric = $2";

  /** The condition is in the UPDATE: of two officers clearing at once, the second sees 0 rows. */
  static final String CLEAR = """
      UPDATE report_flag SET cleared_by = $3, cleared_at = $4, clear_note = $5
       WHERE report_id = $1 AND metric = $2 AND cleared_at IS NULL
      RETURNING\s""" + COLUMNS;

  static final String UNCLEARED = """
      SELECT site, count(*) AS flags FROM report_flag
       WHERE metric = $1 AND local_day >= $2 AND local_day < $3 AND site = ANY($4::text[]) AND cleared_at IS NULL
       GROUP BY site""";

  /**
   * Bounded per site and metric by the window, so a restart reads at most sites × metrics × $2 rows. The
   * local_day bound (a day's margin for any zone) lets PostgreSQL skip the months before the window.
   */
  static final String READINGS = """
      SELECT id, site, key, observed_at, v FROM (
        SELECT r.id, r.site, m.key, r.observed_at, (m.value #>> '{}')::float8 AS v,
               row_number() OVER (PARTITION BY r.site, m.key ORDER BY r.observed_at DESC, r.id DESC) AS n
          FROM report r, jsonb_each(r.metrics) m
         WHERE r.observed_at >= $1 AND r.local_day >= ($1::timestamptz - interval '1 day')::date
           AND jsonb_typeof(m.value) = 'number') recent
       WHERE n <= $2
       ORDER BY observed_at, id""";
}
