package io.watchfloor.alert;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.storage.PgPoolStore;
import io.watchfloor.storage.PgPools;
import io.watchfloor.domain.Alert;
import io.watchfloor.domain.AlertEvent;
import io.watchfloor.domain.Firing;
import io.watchfloor.domain.Label;
import io.watchfloor.domain.Severity;
import io.watchfloor.store.DataRefused;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Alerts in PostgreSQL, in the schema the report store migrates at start (V3__alerts.sql, V4__alert_escalated_to.sql). */
public final class PgAlertStore extends PgPoolStore implements AlertStore {
  public PgAlertStore(PgPools pools) {
    super(pools::alerts);
  }

  @Override
  public Future<Fired> fire(Firing firing, Instant now) {
    var rule = firing.rule();
    Tuple params = Tuple.of(UUID.randomUUID(), rule.id(), rule.kindKey(), rule.severity().key(), firing.subjectType(),
        firing.subject(), firing.area(), rule.title().zh(), rule.title().en(), firing.detail(), utc(now));
    return pool.withTransaction(conn -> claim(conn, firing, now).compose(fresh -> fresh
            ? conn.preparedQuery(AlertQueries.FIRE).execute(params).compose(rows -> {
              Row row = rows.iterator().next();
              Fired fired = new Fired(toAlert(row), row.getBoolean("created"));
              return fired.created()
                  ? record(conn, new AlertEvent(fired.alert().id(), now, "system", "fired", firing.detail())).map(fired)
                  : Future.succeededFuture(fired);
            })
            : conn.preparedQuery(AlertQueries.LATEST_OF).execute(Tuple.of(rule.id(), firing.subject()))
                .map(rows -> new Fired(toAlert(rows.iterator().next()), false, true))))
        .recover(PgAlertStore::unavailable);
  }

  @Override
  public Future<List<Fired>> fireAll(List<Firing> firings, Instant now) {
    return firings.isEmpty() ? Future.succeededFuture(List.of())
        : pool.withTransaction(conn -> PgFirings.fire(conn, firings, now)).recover(PgAlertStore::unavailable);
  }

  /** True when the firing's cause is new (or it has none): in the same transaction as the count it guards. */
  private static Future<Boolean> claim(SqlConnection conn, Firing firing, Instant now) {
    if (firing.cause() == null) {
      return Future.succeededFuture(true);
    }
    return conn.preparedQuery(AlertQueries.CLAIM_CAUSE)
        .execute(Tuple.of(CauseKeys.of(firing), utc(now)))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Integer> forgetCauses(Instant before) {
    return pool.preparedQuery(AlertQueries.FORGET_CAUSES).execute(Tuple.of(utc(before)))
        .map(rows -> rows.rowCount()).recover(PgAlertStore::unavailable);
  }

  @Override
  public Future<Alert> acknowledge(UUID id, String by, String note, Instant now) {
    return act(AlertQueries.ACKNOWLEDGE, new AlertEvent(id, now, by, "acknowledged", note));
  }

  @Override
  public Future<Alert> resolve(UUID id, String by, String note, Instant now) {
    return act(AlertQueries.RESOLVE, new AlertEvent(id, now, by, "resolved", note));
  }

  /** The state condition is in the UPDATE itself: the row lock makes the second of two officers see 0 rows. */
  private Future<Alert> act(String sql, AlertEvent event) {
    return pool.withTransaction(conn -> conn.preparedQuery(sql)
            .execute(Tuple.of(event.alertId(), event.actor(), utc(event.at()), event.note()))
            .compose(rows -> rows.size() == 1
                ? record(conn, event).map(v -> toAlert(rows.iterator().next()))
                : whyNot(conn, event.alertId())))
        .recover(PgAlertStore::unavailable);
  }

  private Future<Alert> whyNot(SqlConnection conn, UUID id) {
    return conn.preparedQuery(AlertQueries.FIND).execute(Tuple.of(id)).compose(rows -> rows.size() == 0
        ? Future.failedFuture(new AlertNotFound("no alert " + id))
        : Future.failedFuture(new AlertConflict("alert " + id + " is already " + rows.iterator().next().getString("state"))));
  }

  @Override
  public Future<List<Alert>> escalate(Instant dueBy, Instant now, EscalationLadder ladder, int limit) {
    return pool.withTransaction(conn -> conn.preparedQuery(AlertQueries.DUE_ESCALATION)
            .execute(Tuple.of(utc(dueBy), ladder.tops().toArray(new String[0]), limit))
            .compose(rows -> {
              List<Alert> due = toAlerts(rows);
              if (due.isEmpty()) {
                return Future.succeededFuture(due);
              }
              UUID[] ids = due.stream().map(Alert::id).toArray(UUID[]::new);
              String[] targets = due.stream().map(ladder::next).toArray(String[]::new);
              List<Tuple> events = due.stream().map(a -> Tuple.of(a.id(), utc(now), "system", "escalated",
                  EscalationLadder.note(ladder.from(a), ladder.next(a)))).toList();
              return conn.preparedQuery(AlertQueries.ESCALATE).execute(Tuple.of(utc(now), ids, targets))
                  .compose(updated -> conn.preparedQuery(AlertQueries.RECORD_EVENT).executeBatch(events)
                      .map(v -> toAlerts(updated)));
            }))
        .recover(PgAlertStore::unavailable);
  }

  static Future<Void> record(SqlConnection conn, AlertEvent e) {
    return conn.preparedQuery(AlertQueries.RECORD_EVENT)
        .execute(Tuple.of(e.alertId(), utc(e.at()), e.actor(), e.action(), e.note())).mapEmpty();
  }

  @Override
  public Future<List<Alert>> list(Alert.State state, List<String> areas, int limit) {
    String[] inAreas = areas == null ? null : areas.toArray(new String[0]);
    Future<RowSet<Row>> rows = state == null
        ? pool.preparedQuery(AlertQueries.LIST_UNRESOLVED).execute(Tuple.of(limit, (Object) inAreas))
        : pool.preparedQuery(AlertQueries.LIST_IN_STATE).execute(Tuple.of(state.key(), limit, inAreas));
    return rows.map(PgAlertStore::toAlerts).recover(PgAlertStore::unavailable);
  }

  @Override
  public Future<List<Alert>> live(Instant from, Instant to, List<String> areas, int limit) {
    return pool.preparedQuery(AlertQueries.LIVE_IN).execute(Tuple.of(utc(from), utc(to), areas.toArray(new String[0]), limit))
        .map(PgAlertStore::toAlerts).recover(PgAlertStore::unavailable);
  }

  @Override
  public Future<List<Alert>> seenSince(String kind, Instant since, int limit) {
    return pool.preparedQuery(AlertQueries.SEEN_SINCE).execute(Tuple.of(kind, utc(since), limit))
        .map(PgAlertStore::toAlerts).recover(PgAlertStore::unavailable);
  }

  @Override
  public Future<Optional<Alert>> find(UUID id) {
    return pool.preparedQuery(AlertQueries.FIND).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.<Alert>empty() : Optional.of(toAlert(rows.iterator().next())))
        .recover(PgAlertStore::unavailable);
  }

  @Override
  public Future<List<AlertEvent>> history(UUID id) {
    return pool.preparedQuery(AlertQueries.HISTORY).execute(Tuple.of(id)).map(PgAlertStore::toEvents)
        .recover(PgAlertStore::unavailable);
  }

  @Override
  public Future<List<AlertEvent>> events(Instant from, Instant to, List<String> areas) {
    String[] inAreas = areas == null ? null : areas.toArray(new String[0]);
    return pool.preparedQuery(AlertQueries.EVENTS).execute(Tuple.of(utc(from), utc(to), inAreas)).map(PgAlertStore::toEvents)
        .recover(PgAlertStore::unavailable);
  }

  private static List<AlertEvent> toEvents(RowSet<Row> rows) {
    List<AlertEvent> events = new ArrayList<>();
    rows.forEach(r -> events.add(new AlertEvent(r.getUUID("alert_id"), r.getOffsetDateTime("at").toInstant(),
        r.getString("actor"), r.getString("action"), r.getString("note"))));
    return events;
  }

  private static List<Alert> toAlerts(RowSet<Row> rows) {
    List<Alert> alerts = new ArrayList<>();
    rows.forEach(r -> alerts.add(toAlert(r)));
    return alerts;
  }

  static Alert toAlert(Row r) {
    return new Alert(r.getUUID("id"), r.getString("rule"), r.getString("kind"),
        Severity.valueOf(r.getString("severity").toUpperCase(Locale.ROOT)), r.getString("subject_type"),
        r.getString("subject"), r.getString("area"), new Label(r.getString("title_zh"), r.getString("title_en")),
        r.getString("detail"), instant(r, "first_seen"), instant(r, "last_seen"), r.getLong("count"),
        Alert.State.valueOf(r.getString("state").toUpperCase(Locale.ROOT)), instant(r, "escalated_at"),
        r.getString("escalated_to"), action(r, "ack_by", "ack_at", "ack_note"), action(r, "resolved_by", "resolved_at", "resolve_note"));
  }

  private static Alert.Action action(Row r, String by, String at, String note) {
    return r.getString(by) == null ? null : new Alert.Action(r.getString(by), instant(r, at), r.getString(note));
  }

  private static Instant instant(Row r, String column) {
    OffsetDateTime value = r.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static <T> Future<T> unavailable(Throwable e) {
    return e instanceof AlertConflict || e instanceof AlertNotFound ? Future.failedFuture(e)
        : DataRefused.orUnanswered(e, 2);
  }
}
