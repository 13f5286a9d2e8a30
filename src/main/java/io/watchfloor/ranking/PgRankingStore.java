package io.watchfloor.ranking;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.admin.AdminQueries;
import io.watchfloor.audit.AuditEntry;
import io.watchfloor.store.DataRefused;
import io.watchfloor.storage.PgPoolStore;
import io.watchfloor.storage.PgPools;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/** The ranking settings in PostgreSQL (V14__ranking_setting.sql): one row, its SQL all here. */
final class PgRankingStore extends PgPoolStore implements RankingStore {
  private static final String GET = "SELECT on_time_red_floor, version, updated_at, updated_by FROM ranking_setting WHERE one";
  /** Taken first by every write: changes on any node happen one at a time, each seeing the one before. */
  private static final String LOCK = GET + " FOR UPDATE";
  private static final String VERSION = "SELECT version FROM ranking_setting WHERE one";
  private static final String SET_FLOOR = "UPDATE ranking_setting SET on_time_red_floor = $1, version = version + 1,"
      + " updated_at = $2, updated_by = $3 WHERE one RETURNING on_time_red_floor, version, updated_at, updated_by";

  PgRankingStore(PgPools pools) {
    super(pools::admin);
  }

  @Override
  public Future<Setting> get() {
    return pool.query(GET).execute().map(rows -> setting(rows.iterator().next())).recover(e -> DataRefused.orUnanswered(e, 2));
  }

  @Override
  public Future<Long> version() {
    return pool.query(VERSION).execute().map(rows -> rows.iterator().next().getLong("version"))
        .recover(e -> DataRefused.orUnanswered(e, 2));
  }

  /** The change, the version's rise and the audit line (V8's access_audit) commit together or not at all. */
  @Override
  public Future<Change> setFloor(int percent, String by, Instant at, Function<Change, AuditEntry> line) {
    OffsetDateTime utc = at.atOffset(ZoneOffset.UTC);
    return pool.withTransaction(conn -> conn.query(LOCK).execute()
        .compose(before -> conn.preparedQuery(SET_FLOOR).execute(Tuple.of(percent, utc, by))
            .map(after -> new Change(setting(before.iterator().next()), setting(after.iterator().next()))))
        .compose(change -> {
          AuditEntry entry = line.apply(change);
          return conn.preparedQuery(AdminQueries.INSERT_AUDIT).execute(Tuple.of(entry.at().atOffset(ZoneOffset.UTC),
              entry.actor(), entry.action(), entry.target(), entry.scope(), entry.before(), entry.after())).map(change);
        }))
        .recover(e -> DataRefused.orUnanswered(e, 2));
  }

  @Override
  public boolean auditsItself() {
    return true;
  }

  private static Setting setting(Row row) {
    OffsetDateTime updated = row.getOffsetDateTime("updated_at");
    return new Setting(row.getInteger("on_time_red_floor"), row.getLong("version"),
        updated == null ? null : updated.toInstant(), row.getString("updated_by"));
  }
}
