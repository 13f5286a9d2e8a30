package io.watchfloor.rules;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.store.DataRefused;
import io.watchfloor.storage.PgPoolStore;
import io.watchfloor.storage.PgPools;
import io.watchfloor.admin.AdminQueries;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The rules' settings in PostgreSQL (V9__rule_settings.sql); every write raises the set's version in its transaction. */
public final class PgRuleStore extends PgPoolStore implements RuleStore {
  /** Taken first by every write: seeds and changes on any node happen one at a time. */
  private static final String LOCK_VERSION = "SELECT version FROM rule_version WHERE one FOR UPDATE";
  private static final String VERSION = "SELECT version FROM rule_version WHERE one";
  private static final String SEED = "INSERT INTO rule_setting (id, position, enabled, body, updated_at) VALUES ($1, $2, true, $3, $4)";
  private static final String ALL = "SELECT v.version, r.id, r.enabled, r.body, r.updated_at, r.updated_by "
      + "FROM rule_version v LEFT JOIN rule_setting r ON true WHERE v.one ORDER BY r.position";
  private static final String FIND = "SELECT id, enabled, body, updated_at, updated_by FROM rule_setting WHERE id = $1";
  private static final String UPDATE = "UPDATE rule_setting SET enabled = $2, body = $3, updated_at = $4, updated_by = $5 WHERE id = $1";
  private static final String SEEDED = "UPDATE rule_version SET version = 1 WHERE one";
  private static final String RAISE = "UPDATE rule_version SET version = version + 1 WHERE one RETURNING version";


  public PgRuleStore(PgPools pools) {
    super(pools::admin);
  }

  @Override
  public Future<Boolean> seedIfEmpty(List<JsonObject> rules, Instant at) {
    return pool.withTransaction(conn -> conn.query(LOCK_VERSION).execute().compose(rows -> {
      if (rows.iterator().next().getLong("version") > 0) {
        return Future.succeededFuture(false);
      }
      List<Tuple> batch = new ArrayList<>();
      for (int i = 0; i < rules.size(); i++) {
        batch.add(Tuple.of(rules.get(i).getString("id"), i, rules.get(i), utc(at)));
      }
      Future<?> inserted = batch.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(SEED).executeBatch(batch);
      return inserted.compose(v -> conn.query(SEEDED).execute()).map(true);
    })).recover(PgRuleStore::unavailable);
  }

  @Override
  public Future<RuleSet> all() {
    return pool.query(ALL).execute().map(rows -> {
      long version = 0;
      JsonArray settings = new JsonArray();
      for (Row row : rows) {
        version = row.getLong("version");
        if (row.getString("id") != null) {
          settings.add(setting(row));
        }
      }
      return new RuleSet(version, settings);
    }).recover(PgRuleStore::unavailable);
  }

  @Override
  public Future<Long> version() {
    return pool.query(VERSION).execute().map(rows -> rows.iterator().next().getLong("version"))
        .recover(PgRuleStore::unavailable);
  }

  @Override
  public boolean auditsItself() {
    return true;
  }

  /** The change, the version's rise and the audit line (V8's access_audit) commit together or not at all. */
  @Override
  public Future<Change> update(String id, boolean enabled, JsonObject rule, String by, String scope, Instant at) {
    return pool.withTransaction(conn -> conn.query(LOCK_VERSION).execute()
        .compose(v -> conn.preparedQuery(FIND).execute(Tuple.of(id)))
        .compose(rows -> rows.size() == 0 ? Future.<Change>failedFuture(new RuleNotFound(id))
            : write(conn, setting(rows.iterator().next()), enabled, rule, by, at))
        .compose(change -> conn.preparedQuery(AdminQueries.INSERT_AUDIT).execute(Tuple.of(utc(at), by, AUDIT_ACTION, id,
            scope, change.before(), change.after())).map(change)))
        .recover(PgRuleStore::unavailable);
  }

  private static Future<Change> write(SqlConnection conn, JsonObject before, boolean enabled, JsonObject rule, String by,
                                      Instant at) {
    String id = before.getString("id");
    return conn.preparedQuery(UPDATE).execute(Tuple.of(id, enabled, rule, utc(at), by))
        .compose(v -> conn.query(RAISE).execute())
        .map(rows -> new Change(before, RuleStore.setting(id, enabled, rule, at, by), rows.iterator().next().getLong("version")));
  }

  private static JsonObject setting(Row row) {
    Object body = row.getValue("body");
    JsonObject rule = body instanceof JsonObject json ? json : new JsonObject(String.valueOf(body));
    OffsetDateTime updated = row.getOffsetDateTime("updated_at");
    return RuleStore.setting(row.getString("id"), row.getBoolean("enabled"), rule,
        updated == null ? null : updated.toInstant(), row.getString("updated_by"));
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static <T> Future<T> unavailable(Throwable e) {
    return e instanceof RuleNotFound ? Future.failedFuture(e) : DataRefused.orUnanswered(e, 2);
  }
}
