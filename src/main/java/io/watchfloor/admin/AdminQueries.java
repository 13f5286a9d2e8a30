package io.watchfloor.admin;

/** The access store's SQL, all of it, with $n parameters (V8__access.sql). */
public final class AdminQueries {
  private AdminQueries() {
  }

  static final String VERSION = "SELECT version, seeded FROM access_state";
  /** Every change takes this row's lock first, so versions are handed out in commit order. */
  public static final String BUMP_VERSION = "UPDATE access_state SET version = version + 1 RETURNING version";
  static final String MARK_SEEDED = "UPDATE access_state SET seeded = true WHERE NOT seeded RETURNING version";

  static final String UNITS = "SELECT id, name, scope, sites, site_kinds, token_sha256, previous_token_sha256, previous_until,"
      + " disabled, demo FROM access_unit ORDER BY id";
  static final String OPERATORS = "SELECT username, name, role, scope, password_hash, must_change, disabled, epoch, demo"
      + " FROM access_operator ORDER BY username";
  static final String KEYS = "SELECT id, label, scope, key_sha256, revoked, demo FROM access_display_key ORDER BY id";

  static final String INSERT_UNIT = "INSERT INTO access_unit (id, name, scope, sites, site_kinds, token_sha256,"
      + " previous_token_sha256, previous_until, disabled, demo) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
  static final String INSERT_UNIT_IF_NEW = INSERT_UNIT + " ON CONFLICT DO NOTHING";
  static final String UPDATE_UNIT = "UPDATE access_unit SET name = $2, scope = $3, sites = $4, site_kinds = $5,"
      + " token_sha256 = $6, previous_token_sha256 = $7, previous_until = $8, disabled = $9, demo = $10 WHERE id = $1";

  static final String INSERT_OPERATOR = "INSERT INTO access_operator (username, name, role, scope, password_hash,"
      + " must_change, disabled, epoch, demo) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
  static final String INSERT_OPERATOR_IF_NEW = INSERT_OPERATOR + " ON CONFLICT DO NOTHING";
  static final String UPDATE_OPERATOR = "UPDATE access_operator SET name = $2, role = $3, scope = $4, password_hash = $5,"
      + " must_change = $6, disabled = $7, epoch = $8, demo = $9 WHERE username = $1";
  /**
   * The enabled admins of the whole jurisdiction ($1, the root area) that can sign in ($2: demo entries count),
   * as (whether $3 is one, how many others there are). Read after the version row's lock, so it sees every
   * change committed before this one.
   */
  static final String ROOT_ADMINS = "SELECT count(*) FILTER (WHERE username = $3) AS this, count(*) FILTER (WHERE"
      + " username <> $3) AS others FROM access_operator WHERE role = 'admin' AND scope = $1 AND NOT disabled"
      + " AND (NOT demo OR $2)";

  static final String INSERT_KEY = "INSERT INTO access_display_key (id, label, scope, key_sha256, revoked, demo)"
      + " VALUES ($1, $2, $3, $4, $5, $6)";
  static final String INSERT_KEY_IF_NEW = INSERT_KEY + " ON CONFLICT DO NOTHING";
  static final String UPDATE_KEY = "UPDATE access_display_key SET label = $2, scope = $3, key_sha256 = $4, revoked = $5,"
      + " demo = $6 WHERE id = $1";

  /** Public so a feature that changes something else of the store (rule settings) audits in its own transaction. */
  public static final String INSERT_AUDIT = "INSERT INTO access_audit (at, actor, action, target, scope, before, after)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7)";
  static final String RECORD_AUDIT = INSERT_AUDIT + " RETURNING id";
  /** Only a failed sign-in's line counts tries; its first try's time stays its place in the list. */
  static final String ADD_ATTEMPT = "UPDATE access_audit SET after = jsonb_build_object('attempts',"
      + " coalesce((after->>'attempts')::bigint, 1) + 1, 'lastAt', $2::text) WHERE id = $1 AND action = 'sign-in.failed'";
  /**
   * A page by key: ($6, $7) is where the last page ended, (to, max) for the first. {@code at <= $6} lets the
   * time index bound the scan; the row comparison then breaks ties by id.
   */
  static final String AUDIT = "SELECT id, at, actor, action, target, scope, before, after FROM access_audit"
      + " WHERE at >= $1 AND at < $2 AND ($3::text[] IS NULL OR scope = ANY($3))"
      + " AND (cardinality($4::text[]) = 0 OR action = ANY($4)) AND action <> ALL($5::text[])"
      + " AND at <= $6 AND (at, id) < ($6, $7) ORDER BY at DESC, id DESC LIMIT $8";

  static final String INSERT_SETUP = "INSERT INTO access_setup (secret_sha256, expires_at) VALUES ($1, $2)";
  /** A new link retires every unused older one: only the link printed last works. */
  static final String RETIRE_SETUPS = "DELETE FROM access_setup WHERE used_at IS NULL";
  static final String SETUP_OPEN = "SELECT 1 FROM access_setup WHERE secret_sha256 = $1 AND used_at IS NULL"
      + " AND expires_at > $2";
  /** Used once: the row is taken only if it is still unused and unexpired, under its lock. */
  static final String CLAIM_SETUP = "UPDATE access_setup SET used_at = $2 WHERE secret_sha256 = $1 AND used_at IS NULL"
      + " AND expires_at > $2 RETURNING secret_sha256";
}
