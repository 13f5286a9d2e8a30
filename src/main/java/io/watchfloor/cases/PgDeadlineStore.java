package io.watchfloor.cases;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.audit.AuditEntry;
import io.watchfloor.domain.CaseDeadlines;
import io.watchfloor.domain.WorkCalendar;
import io.watchfloor.storage.PgPoolStore;
import io.watchfloor.storage.PgPools;
import io.watchfloor.store.DataRefused;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.watchfloor.cases.DeadlineQueries.ALL;
import static io.watchfloor.cases.DeadlineQueries.DELETE_LIMITS;
import static io.watchfloor.cases.DeadlineQueries.DELETE_YEAR;
import static io.watchfloor.cases.DeadlineQueries.INSERT_AUDIT;
import static io.watchfloor.cases.DeadlineQueries.INSERT_DAY;
import static io.watchfloor.cases.DeadlineQueries.INSERT_LIMIT;
import static io.watchfloor.cases.DeadlineQueries.LIMITS;
import static io.watchfloor.cases.DeadlineQueries.LOCK_VERSION;
import static io.watchfloor.cases.DeadlineQueries.RAISE;
import static io.watchfloor.cases.DeadlineQueries.SEEDED;
import static io.watchfloor.cases.DeadlineQueries.VERSION;
import static io.watchfloor.cases.DeadlineQueries.YEAR;

/** The time-limit table and calendar in PostgreSQL (V11__case_time.sql), on the admin pool as the rules are. */
public final class PgDeadlineStore extends PgPoolStore implements DeadlineStore {
  private static final int RETRY_AFTER = 2;

  public PgDeadlineStore(PgPools pools) {
    super(pools::admin);
  }

  @Override
  public Future<Boolean> seedIfEmpty(List<CaseDeadlines.Row> limits, List<WorkCalendar.Day> days) {
    return pool.withTransaction(conn -> conn.query(LOCK_VERSION).execute().compose(rows -> {
      if (rows.iterator().next().getLong("version") > 0) {
        return Future.succeededFuture(false);
      }
      return insertLimits(conn, limits).compose(v -> insertDays(conn, days))
          .compose(v -> conn.query(SEEDED).execute()).map(true);
    })).recover(PgDeadlineStore::unanswered);
  }

  @Override
  public Future<TimeTable> all() {
    return pool.query(ALL).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new TimeTable(row.getLong("version"), limits(json(row.getValue("limits"))), days(json(row.getValue("days"))));
    }).recover(PgDeadlineStore::unanswered);
  }

  @Override
  public Future<Long> version() {
    return pool.query(VERSION).execute().map(rows -> rows.iterator().next().getLong("version"))
        .recover(PgDeadlineStore::unanswered);
  }

  @Override
  public Future<Change<List<CaseDeadlines.Row>>> replaceLimits(List<CaseDeadlines.Row> rows) {
    return replaceLimits(rows, null);
  }

  @Override
  public boolean auditsItself() {
    return true;
  }

  /** @param line the change's audit line, stored in its transaction; null for none */
  @Override
  public Future<Change<List<CaseDeadlines.Row>>> replaceLimits(List<CaseDeadlines.Row> rows,
                                                               Function<Change<List<CaseDeadlines.Row>>, AuditEntry> line) {
    return pool.withTransaction(conn -> conn.query(LOCK_VERSION).execute()
        .compose(v -> conn.query(LIMITS).execute())
        .compose(before -> conn.query(DELETE_LIMITS).execute()
            .compose(v -> insertLimits(conn, rows))
            .compose(v -> raise(conn))
            .map(version -> new Change<>(limits(before), List.copyOf(rows), version)))
        .compose(change -> audited(conn, line, change)))
        .recover(PgDeadlineStore::unanswered);
  }

  @Override
  public Future<Change<List<WorkCalendar.Day>>> replaceYear(int year, List<WorkCalendar.Day> days) {
    return replaceYear(year, days, null);
  }

  /** @param line the change's audit line, stored in its transaction; null for none */
  @Override
  public Future<Change<List<WorkCalendar.Day>>> replaceYear(int year, List<WorkCalendar.Day> days,
                                                            Function<Change<List<WorkCalendar.Day>>, AuditEntry> line) {
    for (WorkCalendar.Day d : days) {
      if (d.day().getYear() != year) {
        return Future.failedFuture(new IllegalArgumentException(d.day() + " is not in " + year));
      }
    }
    Tuple range = Tuple.of(LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1));
    return pool.withTransaction(conn -> conn.query(LOCK_VERSION).execute()
        .compose(v -> conn.preparedQuery(YEAR).execute(range))
        .compose(before -> conn.preparedQuery(DELETE_YEAR).execute(range)
            .compose(v -> insertDays(conn, days))
            .compose(v -> raise(conn))
            .map(version -> new Change<>(days(before), List.copyOf(days), version)))
        .compose(change -> audited(conn, line, change)))
        .recover(PgDeadlineStore::unanswered);
  }

  private static <T> Future<Change<T>> audited(SqlConnection conn, Function<Change<T>, AuditEntry> line, Change<T> change) {
    if (line == null) {
      return Future.succeededFuture(change);
    }
    AuditEntry e = line.apply(change);
    return conn.preparedQuery(INSERT_AUDIT).execute(Tuple.of(e.at().atOffset(ZoneOffset.UTC), e.actor(), e.action(),
        e.target(), e.scope(), e.before(), e.after())).map(change);
  }

  private static Future<Void> insertLimits(SqlConnection conn, List<CaseDeadlines.Row> rows) {
    List<Tuple> batch = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      CaseDeadlines.Row r = rows.get(i);
      batch.add(Tuple.of(r.category(), r.urgency(), r.sign().format(), r.handle().format(), r.verify().format(), i));
    }
    return batch.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(INSERT_LIMIT).executeBatch(batch).mapEmpty();
  }

  private static Future<Void> insertDays(SqlConnection conn, List<WorkCalendar.Day> days) {
    List<Tuple> batch = days.stream().map(d -> Tuple.of(d.day(), d.working(), d.note())).toList();
    return batch.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(INSERT_DAY).executeBatch(batch).mapEmpty();
  }

  private static Future<Long> raise(SqlConnection conn) {
    return conn.query(RAISE).execute().map(rows -> rows.iterator().next().getLong("version"));
  }

  private static JsonArray json(Object value) {
    return value instanceof JsonArray array ? array : new JsonArray(String.valueOf(value));
  }

  private static List<CaseDeadlines.Row> limits(JsonArray rows) {
    List<CaseDeadlines.Row> list = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonArray r = rows.getJsonArray(i);
      list.add(new CaseDeadlines.Row(r.getString(0), r.getString(1), CaseDeadlines.Limit.parse(r.getString(2)),
          CaseDeadlines.Limit.parse(r.getString(3)), CaseDeadlines.Limit.parse(r.getString(4))));
    }
    return list;
  }

  private static List<CaseDeadlines.Row> limits(RowSet<Row> rows) {
    List<CaseDeadlines.Row> list = new ArrayList<>();
    for (Row r : rows) {
      list.add(new CaseDeadlines.Row(r.getString("category"), r.getString("urgency"),
          CaseDeadlines.Limit.parse(r.getString("sign")), CaseDeadlines.Limit.parse(r.getString("handle")),
          CaseDeadlines.Limit.parse(r.getString("verify"))));
    }
    return list;
  }

  private static List<WorkCalendar.Day> days(JsonArray rows) {
    List<WorkCalendar.Day> list = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonArray d = rows.getJsonArray(i);
      list.add(new WorkCalendar.Day(LocalDate.parse(d.getString(0)), d.getBoolean(1), d.getString(2)));
    }
    return list;
  }

  private static List<WorkCalendar.Day> days(RowSet<Row> rows) {
    List<WorkCalendar.Day> list = new ArrayList<>();
    for (Row r : rows) {
      list.add(new WorkCalendar.Day(r.getLocalDate("day"), r.getBoolean("working"), r.getString("note")));
    }
    return list;
  }

  private static <T> Future<T> unanswered(Throwable e) {
    return e instanceof IllegalArgumentException ? Future.failedFuture(e) : DataRefused.orUnanswered(e, RETRY_AFTER);
  }
}
