package io.watchfloor.cases;

/** The SQL of {@link PgDeadlineStore} (V11__case_time.sql), in one place. */
final class DeadlineQueries {
  private DeadlineQueries() {
  }

  /** Taken first by every write: seeds and changes on any node happen one at a time. */
  static final String LOCK_VERSION = "SELECT version FROM case_time_version WHERE one FOR UPDATE";
  static final String VERSION = "SELECT version FROM case_time_version WHERE one";
  static final String SEEDED = "UPDATE case_time_version SET version = 1 WHERE one";
  static final String RAISE = "UPDATE case_time_version SET version = version + 1 WHERE one RETURNING version";
  /** One statement, so the version, the rows and the days come from one snapshot. */
  static final String ALL = "SELECT v.version,"
      + " (SELECT coalesce(json_agg(json_build_array(category, urgency, sign, handle, verify) ORDER BY position), '[]')"
      + " FROM case_limit) AS limits,"
      + " (SELECT coalesce(json_agg(json_build_array(day, working, note) ORDER BY day), '[]') FROM work_day) AS days"
      + " FROM case_time_version v WHERE v.one";
  static final String LIMITS = "SELECT category, urgency, sign, handle, verify FROM case_limit ORDER BY position";
  static final String DELETE_LIMITS = "DELETE FROM case_limit";
  static final String INSERT_LIMIT = "INSERT INTO case_limit (category, urgency, sign, handle, verify, position)"
      + " VALUES ($1, $2, $3, $4, $5, $6)";
  static final String YEAR = "SELECT day, working, note FROM work_day WHERE day >= $1 AND day < $2 ORDER BY day";
  static final String DELETE_YEAR = "DELETE FROM work_day WHERE day >= $1 AND day < $2";
  static final String INSERT_DAY = "INSERT INTO work_day (day, working, note) VALUES ($1, $2, $3)";
  /** A change's audit line (V8's access_audit), in the change's own transaction, as the rule store writes its own. */
  static final String INSERT_AUDIT = "INSERT INTO access_audit (at, actor, action, target, scope, before, after)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7)";
}
