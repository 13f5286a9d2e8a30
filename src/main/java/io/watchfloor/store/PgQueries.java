package io.watchfloor.store;

import java.time.LocalDate;
import java.util.Set;

/** Every statement the PostgreSQL store runs. */
final class PgQueries {
  private PgQueries() {
  }

  /**
   * Readiness and the failover watch: which server answers (its address and port as it sees them, and when it
   * started, so a restart in place is a new server) and whether it takes writes. Through HAProxy a connection
   * may for a moment reach a standby, or a primary being demoted: both answer, and both refuse every write
   * (SQLSTATE 25006), so answering is not enough to be ready.
   */
  static final String PING = "SELECT host(inet_server_addr()) AS address, inet_server_port() AS port, "
      + "pg_postmaster_start_time()::text AS started_at, "
      + "NOT pg_is_in_recovery() AND current_setting('transaction_read_only') = 'off' AS writable";

  /**
   * Rows travel as parallel arrays: one statement and one round trip for the whole batch. The id is
   * claimed in report_key first (idempotency is that table's key, as report is partitioned); only
   * the rows that claimed theirs go into report. One statement, so a row report refuses takes its
   * claim back with it. The ids are distinct (Batches.firstPerId), so the join adds no row twice.
   */
  static final String INSERT_BATCH = """
      WITH t AS (
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::date[], $6::timestamptz[],
                             $7::text[], $8::text[], $9::text[])
               AS t(id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)
      ), k AS (
        INSERT INTO report_key (id, local_day, body_hash)
        SELECT id, local_day, body_hash FROM t
        ON CONFLICT (id) DO NOTHING
        RETURNING id
      )
      INSERT INTO report (id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)
      SELECT t.id, t.unit, t.site, t.observed_at, t.local_day, t.received_at, t.metrics::jsonb, t.note, t.body_hash
        FROM t JOIN k ON k.id = t.id
      RETURNING id""";

  static final String STORED_HASHES = "SELECT id, body_hash FROM report_key WHERE id = ANY($1::uuid[])";

  /**
   * report has no index on id alone (report_key has): the key's day prunes every other partition at
   * run time, and an id that was never committed reads no partition at all.
   */
  static final String FIND = """
      SELECT id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash
        FROM report WHERE id = $1 AND local_day = (SELECT k.local_day FROM report_key k WHERE k.id = $1)""";

  static final String VIEWER_DAY = """
      SELECT id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash
        FROM report WHERE local_day = $1 AND ($2::text[] IS NULL OR site = ANY($2)) ORDER BY observed_at, id""";

  static final String REPORTS_ON_DAY = """
      SELECT id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash
        FROM report WHERE local_day = $1 ORDER BY observed_at, id""";

  /**
   * Hourly sums per site and metric over whole local days, summed here so that a week of reports is
   * not sent and decoded one by one: the rebuild's hourly history needs only these sums. $3 null:
   * every row; otherwise only those of transactions below it (the tail's start).
   */
  static final String HOURLY_SUMS = """
      SELECT r.site, m.key AS metric, floor(extract(epoch FROM r.observed_at) / 3600)::bigint * 3600 AS hour,
             sum((m.value)::float8) AS total
        FROM report r CROSS JOIN LATERAL jsonb_each(r.metrics) AS m(key, value)
       WHERE r.local_day >= $1 AND r.local_day < $2 AND jsonb_typeof(m.value) = 'number'
         AND ($3::text IS NULL OR r.txid < $3::text::xid8)
       GROUP BY 1, 2, 3""";

  /**
   * The same for one metric ($4) of some sites ($3), as a rule preview asks: a week of a busy district
   * is a few thousand rows here, not its reports, and only the metric asked is taken out of each.
   */
  static final String HOURLY_SUMS_OF_METRIC = """
      SELECT site, $4::text AS metric, floor(extract(epoch FROM observed_at) / 3600)::bigint * 3600 AS hour,
             sum((metrics ->> $4)::float8) AS total
        FROM report
       WHERE local_day >= $1 AND local_day < $2 AND site = ANY($3) AND metrics ? $4
       GROUP BY 1, 2, 3""";

  /** Walks report_site_observed_idx backwards, so it reads only the rows it returns. */
  static final String RECENT_OF_SITE = """
      SELECT id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash
        FROM report WHERE site = $1 ORDER BY observed_at DESC, id DESC LIMIT $2""";

  /**
   * One metric's readings from some sites, each with its bucket; the holes are the bucket and the
   * range. OFFSET 0 hides that the bucket derives from observed_at: otherwise the planner expects
   * as many buckets as distinct times and sorts every row to disk instead of hashing a few hundred.
   */
  private static final String READINGS = """
      SELECT %s AS bucket, (metrics -> $1::text)::numeric AS v
        FROM report
       WHERE site = ANY($2::text[]) AND %s
      OFFSET 0""";

  private static final String READINGS_IN_ORDER = """
      SELECT site, %s AS bucket, observed_at, id, (metrics -> $1::text)::numeric AS v
        FROM report
       WHERE site = ANY($2::text[]) AND %s
      OFFSET 0""";

  /** Sub-day buckets: $5 holds every bound, so the bucket edges are exactly the ones Java cut. */
  private static final String BY_BOUNDS = "width_bucket(observed_at, $5::timestamptz[]) - 1";
  /**
   * $6 and $7 bound local_day around the time range (a day either side, whatever the jurisdiction's
   * offset): report is partitioned by local_day, and a range on observed_at alone reads every month.
   */
  private static final String IN_BOUNDS = "observed_at >= $3 AND observed_at < $4 AND local_day >= $6 AND local_day < $7";
  /** Day buckets go by the local day fixed at ingest, never by the database session's time zone. */
  private static final String BY_DAY = "local_day - $3::date";
  private static final String IN_DAYS = "local_day >= $3 AND local_day < $4";

  /**
   * A report without the metric has v null and counts for nothing. Numeric sums are exact, so the
   * float8 a bucket ends with is the one the embedded store computes.
   */
  private static final String COMBINE = """
      SELECT bucket, sum(v)::float8 AS total, max(v)::float8 AS top, count(v) AS readings
        FROM (%s) r
       GROUP BY bucket
      HAVING count(v) > 0""";

  private static final String LAST_PER_SITE = """
      SELECT DISTINCT ON (site, bucket) bucket, v
        FROM (%s) r
       WHERE v IS NOT NULL
       ORDER BY site, bucket, observed_at DESC, id DESC""";

  static final String SERIES_BY_BOUNDS = COMBINE.formatted(READINGS.formatted(BY_BOUNDS, IN_BOUNDS));
  static final String SERIES_BY_DAY = COMBINE.formatted(READINGS.formatted(BY_DAY, IN_DAYS));
  static final String SERIES_LAST_BY_BOUNDS =
      COMBINE.formatted(LAST_PER_SITE.formatted(READINGS_IN_ORDER.formatted(BY_BOUNDS, IN_BOUNDS)));
  static final String SERIES_LAST_BY_DAY =
      COMBINE.formatted(LAST_PER_SITE.formatted(READINGS_IN_ORDER.formatted(BY_DAY, IN_DAYS)));

  /**
   * Kept out of the client's prepared-statement cache: after five runs of a cached statement
   * PostgreSQL may switch to a generic plan, blind to how many rows a range holds, and a month of a
   * busy town then takes a small-range plan (a bitmap scan, measured at 170 ms instead of 100).
   */
  static final Set<String> PLANNED_EACH_TIME;

  /** $2 and $3 pair each site with its area; the site filter lets the index skip other kinds of site. */
  static final String MONTH_SUMS = """
      SELECT a.area, sum((r.metrics ->> $1)::numeric)::float8 AS total, count(*) AS readings
        FROM report r
        JOIN unnest($2::text[], $3::text[]) AS a(site, area) ON a.site = r.site
       WHERE r.site = ANY($2::text[]) AND r.local_day >= $4 AND r.local_day < $5 AND r.metrics ? $1
       GROUP BY a.area""";

  static final String DAY_STATS = """
      SELECT site, count(*) AS reports, min(observed_at) AS first, max(observed_at) AS last
        FROM report WHERE local_day = $1
       GROUP BY site""";

  // --- the daily review's sums ---

  /**
   * Some metrics of some sites on a few days (not a range: the day, yesterday and four same
   * weekdays), one row per site and day by report_day_site_idx, a sum and a count column per metric
   * ($3 on) and a last-reading column per gauge asked for (after them). One column per metric
   * rather than a row per metric, and each value taken out of the jsonb before the rows are sorted
   * for the last readings: a row per metric took 1.4 s on the history benchmark's six days, sorting
   * whole rows 0.45 s (spilling to disk), this 0.1 s. Keys stay parameters.
   */
  static String siteDaySums(int metrics, int lasts) {
    StringBuilder values = new StringBuilder();
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < metrics; i++) {
      values.append(", (metrics ->> $").append(3 + i).append(")::numeric AS v").append(i);
      columns.append(", sum(v").append(i).append(")::float8 AS s").append(i).append(", count(v").append(i).append(") AS c").append(i);
    }
    for (int i = 0; i < lasts; i++) {
      values.append(", (metrics ->> $").append(3 + metrics + i).append(")::numeric AS w").append(i);
      columns.append(", (array_agg(w").append(i).append(" ORDER BY observed_at DESC, id DESC) FILTER (WHERE w").append(i)
          .append(" IS NOT NULL))[1]::float8 AS l").append(i);
    }
    return "SELECT site, local_day" + columns + " FROM (SELECT site, local_day, observed_at, id" + values
        + " FROM report WHERE local_day = ANY($1::date[]) AND site = ANY($2::text[])" + DAYS_SPANNED + ") r GROUP BY site, local_day";
  }

  /**
   * A generic plan cannot prune partitions by {@code = ANY($1)}, but it prunes at run time by these
   * bounds: only the months between the first and the last day are read.
   */
  private static final String DAYS_SPANNED = " AND local_day >= (SELECT min(d) FROM unnest($1::date[]) AS d)"
      + " AND local_day <= (SELECT max(d) FROM unnest($1::date[]) AS d)";

  /** DAY_STATS for every day of a range at once: a month's running compliance in one statement. */
  static final String DAY_STATS_RANGE = """
      SELECT local_day, site, count(*) AS reports, min(observed_at) AS first, max(observed_at) AS last
        FROM report WHERE local_day >= $1 AND local_day < $2 AND site = ANY($3::text[])
       GROUP BY local_day, site""";
  // --- end review ---

  /*
   * The month's sums too (read by the daily review): a generic plan of MONTH_SUMS scans the whole table,
   * measured at 115 ms on the history benchmark against 1.4 ms planned for the sites at hand.
   */
  static {
    PLANNED_EACH_TIME = Set.of(SERIES_BY_BOUNDS, SERIES_BY_DAY, SERIES_LAST_BY_BOUNDS, SERIES_LAST_BY_DAY,
        MONTH_SUMS, DAY_STATS_RANGE);
  }

  // --- partitions: one per month of local day, made ahead and dropped past the retention ---

  /** Not the migration's lock: maintenance runs after the migration, on every node, every day. */
  static final String PARTITION_LOCK = "SELECT pg_advisory_xact_lock(7240412)";

  /**
   * Creating or dropping a partition locks the whole report table; rather than queue every insert
   * behind a long read, give up and try again next time (the default partition catches any row).
   */
  static final String PARTITION_LOCK_TIMEOUT = "SET LOCAL lock_timeout = '5s'";

  static final String PARTITIONS = """
      SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'report'::regclass""";

  static final String DEFAULT_ROWS_IN = "SELECT EXISTS (SELECT 1 FROM report_default WHERE local_day >= $1 AND local_day < $2)";

  /** The default partition's rows past the retention, with their keys. */
  static final String DELETE_DEFAULT_BEFORE = """
      WITH gone AS (DELETE FROM report_default WHERE local_day < $1 RETURNING id)
      DELETE FROM report_key k USING gone WHERE k.id = gone.id""";
  static final String DELETE_FLAGS_BEFORE = "DELETE FROM report_flag WHERE local_day < $1";

  /*
   * DDL takes no parameters: names and bounds are formatted by Partitions from dates it computed
   * itself (report_yYYYYmMM, ISO dates), never from input.
   */
  static String createPartition(String name, LocalDate from, LocalDate to) {
    return "CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF report FOR VALUES FROM ('" + from + "') TO ('" + to + "')";
  }

  static String createDetached(String name) {
    return "CREATE TABLE " + name + " (LIKE report INCLUDING DEFAULTS INCLUDING CONSTRAINTS)";
  }

  static String moveFromDefault(String name, LocalDate from, LocalDate to) {
    return "WITH moved AS (DELETE FROM report_default WHERE local_day >= '" + from + "' AND local_day < '" + to
        + "' RETURNING *) INSERT INTO " + name + " SELECT * FROM moved";
  }

  static String attachPartition(String name, LocalDate from, LocalDate to) {
    return "ALTER TABLE report ATTACH PARTITION " + name + " FOR VALUES FROM ('" + from + "') TO ('" + to + "')";
  }

  /** Before the month goes: its ids, found by report_key's own key rather than an index by day. */
  static String deleteKeysOf(String name) {
    return "DELETE FROM report_key k USING " + name + " r WHERE k.id = r.id";
  }

  static String dropPartition(String name) {
    return "DROP TABLE IF EXISTS " + name;
  }
  // --- end partitions ---

  /** Keeps "already exists, skipping" notices of idempotent DDL out of the server log. */
  static final String QUIET_NOTICES = "SET LOCAL client_min_messages TO warning";

  // --- the commit log: rows below the horizon, in (txid, id) order ---

  /** xid8 travels as text: the client has no type for it. */
  static final String HORIZON = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon";

  /**
   * The committed rows after a position, in (txid, id) order, by report_txid_idx. Rows of a
   * transaction at or above the horizon are left for a later read: it may still be running, and a
   * row skipped now could never be read again.
   */
  static final String TAIL = """
      SELECT id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash, txid::text AS txid
        FROM report
       WHERE (txid, id) > ($1::text::xid8, $2::uuid) AND txid < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY txid, id LIMIT $3""";

  /** The rebuild's reads stop at the horizon the tail then starts from: no row is in both. */
  static final String REPORTS_ON_DAY_BELOW = REPORTS_ON_DAY.replace("WHERE local_day = $1",
      "WHERE local_day = $1 AND txid < $2::text::xid8");

  /**
   * A live day for the rebuild, summed here rather than read report by report ($1 the day, $3 the horizon):
   * per site and metric, the sum and count of the readings per quarter hour of observation, and per
   * minute from $2 on, which the last hour's rolling window needs.
   */
  static final String DAY_SUMS_BELOW = """
      SELECT r.site, m.key AS metric,
             floor(extract(epoch FROM r.observed_at) / CASE WHEN r.observed_at >= $2 THEN 60 ELSE 900 END)::bigint
               * CASE WHEN r.observed_at >= $2 THEN 60 ELSE 900 END AS bucket,
             sum((m.value)::float8) AS total, count(*) AS readings
        FROM report r CROSS JOIN LATERAL jsonb_each(r.metrics) AS m(key, value)
       WHERE r.local_day = $1 AND r.txid < $3::text::xid8 AND jsonb_typeof(m.value) = 'number'
       GROUP BY 1, 2, 3""";

  /** Per site and metric of a live day, the reading observed last, ties going to the greater id, as the picture keeps gauges. */
  static final String DAY_LASTS_BELOW = """
      SELECT DISTINCT ON (r.site, m.key) r.site, m.key AS metric, r.observed_at, (m.value)::float8 AS value
        FROM report r CROSS JOIN LATERAL jsonb_each(r.metrics) AS m(key, value)
       WHERE r.local_day = $1 AND r.txid < $2::text::xid8 AND jsonb_typeof(m.value) = 'number'
       ORDER BY r.site, m.key, r.observed_at DESC, r.id DESC""";

  static final String DAY_STATS_BELOW = DAY_STATS.replace("WHERE local_day = $1",
      "WHERE local_day = $1 AND txid < $2::text::xid8");

  static final String MONTH_SUMS_BELOW = MONTH_SUMS.replace("AND r.metrics ? $1",
      "AND r.metrics ? $1 AND r.txid < $6::text::xid8");
}
