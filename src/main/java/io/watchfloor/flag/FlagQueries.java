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
   * Per site of $3: its newest $4 reports since $1, walked backwards on the (site, observed_at) index; of
   * them, each metric's newest $2 readings. A restart so reads at most sites × $4 rows, not the window's
   * every reading (4.7 s with a busy year); asking per site and metric instead walked a metric a site never
   * reports through all 28 days of its reports. A metric in fewer than one of $4 / $2 of a site's reports
   * starts with fewer than $2 readings. The local_day bound (a day's margin for any zone) skips the months
   * before the window.
   */
  static final String READINGS = """
      SELECT id, site, key, observed_at, v FROM (
        SELECT r.id, r.site, m.key, r.observed_at, (m.value #>> '{}')::float8 AS v,
               row_number() OVER (PARTITION BY r.site, m.key ORDER BY r.observed_at DESC, r.id DESC) AS n
          FROM unnest($3::text[]) AS s(site)
          CROSS JOIN LATERAL (
            SELECT r.id, r.site, r.observed_at, r.metrics FROM report r
             WHERE r.site = s.site AND r.observed_at >= $1 AND r.local_day >= ($1::timestamptz - interval '1 day')::date
             ORDER BY r.observed_at DESC, r.id DESC
             LIMIT $4) r
          CROSS JOIN LATERAL jsonb_each(r.metrics) AS m(key, value)
         WHERE jsonb_typeof(m.value) = 'number') newest
       WHERE n <= $2
       ORDER BY observed_at, id""";
}
