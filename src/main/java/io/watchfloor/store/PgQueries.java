package io.watchfloor.store;

/** Every statement the PostgreSQL store runs. */
final class PgQueries {
  private PgQueries() {
  }

  static final String PING = "SELECT 1";

  /** Rows travel as parallel arrays: one statement and one round trip for the whole batch. */
  static final String INSERT_BATCH = """
      INSERT INTO report (id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)
      SELECT t.id, t.unit, t.site, t.observed_at, t.local_day, t.received_at, t.metrics::jsonb, t.note, t.body_hash
        FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::date[], $6::timestamptz[],
                    $7::text[], $8::text[], $9::text[])
             AS t(id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)
      ON CONFLICT (id) DO NOTHING
      RETURNING id""";

  static final String STORED_HASHES = "SELECT id, body_hash FROM report WHERE id = ANY($1::uuid[])";

  static final String FIND = """
      SELECT id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash
        FROM report WHERE id = $1""";

  static final String REPORTS_ON_DAY = """
      SELECT id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash
        FROM report WHERE local_day = $1 ORDER BY observed_at, id""";

  static final String MIGRATION_LOCK = "SELECT pg_advisory_xact_lock(7240411)";

  /** Keeps "already exists, skipping" notices of idempotent DDL out of the server log. */
  static final String QUIET_NOTICES = "SET LOCAL client_min_messages TO warning";

  static final String CREATE_SCHEMA_VERSION = """
      CREATE TABLE IF NOT EXISTS schema_version (
        version    int PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now())""";

  static final String APPLIED_VERSIONS = "SELECT version FROM schema_version";

  static final String RECORD_VERSION = "INSERT INTO schema_version (version, name) VALUES ($1, $2)";

  static final String DATABASE_EXISTS = "SELECT 1 FROM pg_database WHERE datname = $1";
}
