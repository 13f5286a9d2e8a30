package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.audit.AuditQuery;
import io.watchfloor.storage.PgPoolStore;
import io.watchfloor.storage.PgPools;
import io.watchfloor.domain.Role;
import io.watchfloor.store.DataRefused;
import io.watchfloor.store.StoreUnavailable;
import io.watchfloor.audit.AuditEntry;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Access in PostgreSQL, in the schema the report store migrates at start (V8__access.sql). */
public final class PgAccessStore extends PgPoolStore implements AccessStore {
  private static final String UNIQUE_VIOLATION = "23505";

  private final String root;
  private final boolean demo;

  /**
   * @param root the jurisdiction's root area: its enabled admins are never all taken away
   * @param demo whether the demo's entries can sign in, and so count as such admins
   */
  public PgAccessStore(PgPools pools, String root, boolean demo) {
    super(pools::admin);
    this.root = root;
    this.demo = demo;
  }

  @Override
  public Future<AccessData> load() {
    // one transaction, repeatable read: the lists and the version are one picture
    return pool.withTransaction(conn -> conn.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").execute()
        .compose(v -> conn.query(AdminQueries.VERSION).execute())
        .compose(version -> conn.query(AdminQueries.UNITS).execute()
            .compose(units -> conn.query(AdminQueries.OPERATORS).execute()
                .compose(operators -> conn.query(AdminQueries.KEYS).execute()
                    .map(keys -> {
                      List<UnitRecord> u = new ArrayList<>();
                      units.forEach(r -> u.add(unit(r)));
                      List<OperatorRecord> o = new ArrayList<>();
                      operators.forEach(r -> o.add(operator(r)));
                      List<DisplayKeyRecord> k = new ArrayList<>();
                      keys.forEach(r -> k.add(key(r)));
                      return new AccessData(u, o, k, version.iterator().next().getLong("version"));
                    })))))
        .recover(PgAccessStore::unavailable);
  }

  @Override
  public Future<Long> version() {
    return pool.query(AdminQueries.VERSION).execute().map(rows -> rows.iterator().next().getLong("version"))
        .recover(PgAccessStore::unavailable);
  }

  @Override
  public Future<Boolean> seed(AccessData files, AuditEntry audit) {
    return pool.withTransaction(conn -> conn.query(AdminQueries.MARK_SEEDED).execute().compose(marked -> {
      if (marked.rowCount() == 0) {
        return Future.succeededFuture(false);
      }
      return insertAll(conn, files, false).compose(v -> conn.preparedQuery(AdminQueries.BUMP_VERSION).execute())
          .compose(v -> insertAudit(conn, audit)).map(true);
    })).recover(PgAccessStore::unavailable);
  }

  @Override
  public Future<Void> seedDemo(AccessData demo) {
    return pool.withTransaction(conn -> conn.preparedQuery(AdminQueries.BUMP_VERSION).execute()
        .compose(v -> insertAll(conn, demo, true))).recover(PgAccessStore::unavailable);
  }

  private static Future<Void> insertAll(SqlConnection conn, AccessData data, boolean ifNew) {
    Future<Void> chain = Future.succeededFuture();
    for (UnitRecord u : data.units()) {
      chain = chain.compose(v -> conn.preparedQuery(ifNew ? AdminQueries.INSERT_UNIT_IF_NEW : AdminQueries.INSERT_UNIT)
          .execute(unitTuple(u)).mapEmpty());
    }
    for (OperatorRecord o : data.operators()) {
      chain = chain.compose(v -> conn.preparedQuery(ifNew ? AdminQueries.INSERT_OPERATOR_IF_NEW : AdminQueries.INSERT_OPERATOR)
          .execute(operatorTuple(o)).mapEmpty());
    }
    for (DisplayKeyRecord k : data.keys()) {
      chain = chain.compose(v -> conn.preparedQuery(ifNew ? AdminQueries.INSERT_KEY_IF_NEW : AdminQueries.INSERT_KEY)
          .execute(keyTuple(k)).mapEmpty());
    }
    return chain;
  }

  @Override
  public Future<Void> write(Object record, boolean create, AuditEntry audit) {
    String sql;
    Tuple params;
    String idField;
    if (record instanceof UnitRecord u) {
      sql = create ? AdminQueries.INSERT_UNIT : AdminQueries.UPDATE_UNIT;
      params = unitTuple(u);
      idField = "id";
    } else if (record instanceof OperatorRecord o) {
      sql = create ? AdminQueries.INSERT_OPERATOR : AdminQueries.UPDATE_OPERATOR;
      params = operatorTuple(o);
      idField = "username";
    } else if (record instanceof DisplayKeyRecord k) {
      sql = create ? AdminQueries.INSERT_KEY : AdminQueries.UPDATE_KEY;
      params = keyTuple(k);
      idField = "id";
    } else {
      return Future.failedFuture(new IllegalArgumentException("not an access record: " + record));
    }
    boolean mayRetireAdmin = !create && record instanceof OperatorRecord o && !isRootAdmin(o);
    return pool.withTransaction(conn -> conn.preparedQuery(AdminQueries.BUMP_VERSION).execute()
            .compose(v -> mayRetireAdmin ? keepsAnAdmin(conn, ((OperatorRecord) record).username()) : Future.succeededFuture())
            .compose(v -> conn.preparedQuery(sql).execute(params))
            .compose(rows -> rows.rowCount() == 1 ? insertAudit(conn, audit)
                : Future.failedFuture(new IllegalStateException("no " + idField + " " + params.getValue(0) + " to change"))))
        .recover(e -> e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? Future.failedFuture(new AccessConflict(idField, "'" + params.getValue(0) + "' is taken"))
            : unavailable(e));
  }

  private boolean isRootAdmin(OperatorRecord o) {
    return o.role() == Role.ADMIN && o.scope().equals(root) && !o.disabled() && (demo || !o.demo());
  }

  /**
   * Runs after the version row's lock, so two admins disabling each other at once are judged one after the
   * other: the second sees the first's change and is refused.
   */
  private Future<Void> keepsAnAdmin(SqlConnection conn, String username) {
    return conn.preparedQuery(AdminQueries.ROOT_ADMINS).execute(Tuple.of(root, demo, username)).compose(rows -> {
      Row row = rows.iterator().next();
      return row.getLong("this") > 0 && row.getLong("others") == 0
          ? Future.failedFuture(new LastAdmin("'" + username + "' is the last enabled admin of the whole jurisdiction"))
          : Future.succeededFuture();
    });
  }

  @Override
  public Future<Long> record(AuditEntry e) {
    return pool.preparedQuery(AdminQueries.RECORD_AUDIT)
        .execute(Tuple.of(utc(e.at()), e.actor(), e.action(), e.target(), e.scope(), e.before(), e.after()))
        .map(rows -> rows.iterator().next().getLong("id")).recover(PgAccessStore::unavailable);
  }

  @Override
  public Future<Boolean> addAttempt(long id, Instant at) {
    return pool.preparedQuery(AdminQueries.ADD_ATTEMPT).execute(Tuple.of(id, at.toString()))
        .map(rows -> rows.rowCount() == 1).recover(PgAccessStore::unavailable);
  }

  private static Future<Void> insertAudit(SqlConnection conn, AuditEntry e) {
    return conn.preparedQuery(AdminQueries.INSERT_AUDIT)
        .execute(Tuple.of(utc(e.at()), e.actor(), e.action(), e.target(), e.scope(), e.before(), e.after())).mapEmpty();
  }

  @Override
  public Future<List<AuditEntry>> audit(AuditQuery q) {
    String[] areas = q.scopes() == null ? null : q.scopes().toArray(new String[0]);
    Instant afterAt = q.after() == null ? q.to() : q.after().at();
    long afterId = q.after() == null ? Long.MAX_VALUE : q.after().id();
    Tuple args = Tuple.tuple().addValue(utc(q.from())).addValue(utc(q.to())).addArrayOfString(areas)
        .addArrayOfString(q.actions().toArray(new String[0])).addArrayOfString(q.excluded().toArray(new String[0]))
        .addValue(utc(afterAt)).addLong(afterId).addInteger(q.limit());
    return pool.preparedQuery(AdminQueries.AUDIT).execute(args).map(rows -> {
      List<AuditEntry> entries = new ArrayList<>();
      rows.forEach(r -> entries.add(new AuditEntry(r.getLong("id"), r.getOffsetDateTime("at").toInstant(),
          r.getString("actor"), r.getString("action"), r.getString("target"), r.getString("scope"),
          json(r.getValue("before")), json(r.getValue("after")))));
      return entries;
    }).recover(PgAccessStore::unavailable);
  }

  @Override
  public Future<Void> addSetup(String secretSha256, Instant expires) {
    return pool.withTransaction(conn -> conn.query(AdminQueries.RETIRE_SETUPS).execute()
            .compose(v -> conn.preparedQuery(AdminQueries.INSERT_SETUP).execute(Tuple.of(secretSha256, utc(expires)))))
        .<Void>mapEmpty().recover(PgAccessStore::unavailable);
  }

  @Override
  public Future<Boolean> hasRootAdmin() {
    return pool.preparedQuery(AdminQueries.ROOT_ADMINS).execute(Tuple.of(root, false, ""))
        .map(rows -> rows.iterator().next().getLong("others") > 0).recover(PgAccessStore::unavailable);
  }

  @Override
  public Future<Boolean> setupOpen(String secretSha256, Instant now) {
    return pool.preparedQuery(AdminQueries.SETUP_OPEN).execute(Tuple.of(secretSha256, utc(now))).map(rows -> rows.size() == 1)
        .recover(PgAccessStore::unavailable);
  }

  @Override
  public Future<Void> claimSetup(String secretSha256, Instant now, OperatorRecord first, AuditEntry audit) {
    return pool.withTransaction(conn -> conn.preparedQuery(AdminQueries.BUMP_VERSION).execute()
            .compose(v -> conn.preparedQuery(AdminQueries.CLAIM_SETUP).execute(Tuple.of(secretSha256, utc(now))))
            .compose(claimed -> claimed.rowCount() == 1
                ? conn.preparedQuery(AdminQueries.ROOT_ADMINS).execute(Tuple.of(root, false, ""))
                : Future.failedFuture(new SetupRefused("this setup link is unknown, used or expired")))
            .compose(admins -> admins.iterator().next().getLong("others") == 0
                ? conn.preparedQuery(AdminQueries.INSERT_OPERATOR).execute(operatorTuple(first))
                : Future.failedFuture(new SetupRefused("the server already has an enabled admin of the whole jurisdiction")))
            .compose(v -> insertAudit(conn, audit)))
        .recover(e -> e instanceof SetupRefused ? Future.failedFuture(e)
            : e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? Future.failedFuture(new AccessConflict("username", "'" + first.username() + "' is taken"))
            : unavailable(e));
  }

  private static Tuple unitTuple(UnitRecord u) {
    return Tuple.from(Arrays.asList(u.id(), u.name(), u.scope(), u.sites().toArray(new String[0]),
        u.siteKinds().toArray(new String[0]), u.tokenSha256(), u.previousTokenSha256(),
        u.previousUntil() == null ? null : utc(u.previousUntil()), u.disabled(), u.demo()));
  }

  private static Tuple operatorTuple(OperatorRecord o) {
    return Tuple.from(Arrays.asList(o.username(), o.name(), o.role().key(), o.scope(), o.passwordHash(), o.mustChange(),
        o.disabled(), o.epoch(), o.demo()));
  }

  private static Tuple keyTuple(DisplayKeyRecord k) {
    return Tuple.of(k.id(), k.label(), k.scope(), k.keySha256(), k.revoked(), k.demo());
  }

  private static UnitRecord unit(Row r) {
    OffsetDateTime until = r.getOffsetDateTime("previous_until");
    return new UnitRecord(r.getString("id"), r.getString("name"), r.getString("scope"),
        Arrays.asList(r.getArrayOfStrings("sites")), Arrays.asList(r.getArrayOfStrings("site_kinds")),
        r.getString("token_sha256"), r.getString("previous_token_sha256"), until == null ? null : until.toInstant(),
        r.getBoolean("disabled"), r.getBoolean("demo"));
  }

  private static OperatorRecord operator(Row r) {
    return new OperatorRecord(r.getString("username"), r.getString("name"),
        Role.valueOf(r.getString("role").toUpperCase(Locale.ROOT)), r.getString("scope"), r.getString("password_hash"),
        r.getBoolean("must_change"), r.getBoolean("disabled"), r.getInteger("epoch"), r.getBoolean("demo"));
  }

  private static DisplayKeyRecord key(Row r) {
    return new DisplayKeyRecord(r.getString("id"), r.getString("label"), r.getString("scope"), r.getString("key_sha256"),
        r.getBoolean("revoked"), r.getBoolean("demo"));
  }

  private static JsonObject json(Object value) {
    return value instanceof JsonObject j ? j : null;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static <T> Future<T> unavailable(Throwable e) {
    return Future.failedFuture(e instanceof AccessConflict || e instanceof LastAdmin || e instanceof IllegalStateException ? e
        : DataRefused.or503(e, 2));
  }
}
