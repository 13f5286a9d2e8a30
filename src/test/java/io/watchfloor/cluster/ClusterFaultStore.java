package io.watchfloor.cluster;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the store says, read straight from PostgreSQL with SQL of the test's own: the figures the
 * screens must equal. Deliberately not the server's own queries, so a mistake in those is not copied.
 */
public final class ClusterFaultStore {
  /** One alert row as the test compares it. */
  public record AlertRow(String id, String rule, String subject, String state, long count, Instant firstSeen,
                         String escalatedTo, Instant escalatedAt) {
  }

  private final Vertx vertx;
  private final PgConnectOptions options;

  public ClusterFaultStore(Vertx vertx, String url) {
    this.vertx = vertx;
    this.options = PgConnectOptions.fromUri(url);
  }

  private RowSet<Row> query(String sql, Tuple params) {
    return PgConnection.connect(vertx, options)
        .compose(conn -> conn.preparedQuery(sql).execute(params).eventually(conn::close))
        .await();
  }

  /** id → how many rows hold it. */
  public Map<String, Long> reportIds() {
    Map<String, Long> ids = new HashMap<>();
    query("SELECT id::text, count(*) FROM report GROUP BY id", Tuple.tuple())
        .forEach(r -> ids.put(r.getString(0), r.getLong(1)));
    return ids;
  }

  /** metric → sum over the day's reports (the test sends counters only, so the total is the sum). */
  public JsonObject totals(LocalDate day) {
    JsonObject totals = new JsonObject(new TreeMap<>());
    query("SELECT m.key, sum(m.value::numeric)::float8 FROM report r, jsonb_each_text(r.metrics) m"
        + " WHERE r.local_day = $1 GROUP BY m.key", Tuple.of(day))
        .forEach(r -> totals.put(r.getString(0), r.getDouble(1)));
    return totals;
  }

  /** site → metric → sum over the day's reports. */
  public Map<String, JsonObject> siteTotals(LocalDate day) {
    Map<String, JsonObject> sites = new TreeMap<>();
    query("SELECT r.site, m.key, sum(m.value::numeric)::float8 FROM report r, jsonb_each_text(r.metrics) m"
        + " WHERE r.local_day = $1 GROUP BY r.site, m.key", Tuple.of(day))
        .forEach(r -> sites.computeIfAbsent(r.getString(0), k -> new JsonObject(new TreeMap<>()))
            .put(r.getString(1), r.getDouble(2)));
    return sites;
  }

  /** site → reports of the day. */
  public Map<String, Long> reportsPerSite(LocalDate day) {
    Map<String, Long> sites = new TreeMap<>();
    query("SELECT site, count(*) FROM report WHERE local_day = $1 GROUP BY site", Tuple.of(day))
        .forEach(r -> sites.put(r.getString(0), r.getLong(1)));
    return sites;
  }

  /** Every alert not resolved. */
  public List<AlertRow> openAlerts() {
    return alerts("state <> 'resolved'", Tuple.tuple());
  }

  /** Every alert, resolved or not, of a rule on a subject. */
  public List<AlertRow> alertsOf(String rule, String subject) {
    return alerts("rule = $1 AND subject = $2", Tuple.of(rule, subject));
  }

  private List<AlertRow> alerts(String where, Tuple params) {
    List<AlertRow> rows = new java.util.ArrayList<>();
    query("SELECT id::text, rule, subject, state, count, first_seen, escalated_to, escalated_at FROM alert WHERE "
        + where + " ORDER BY first_seen, id", params).forEach(r -> rows.add(new AlertRow(r.getString(0), r.getString(1),
        r.getString(2), r.getString(3), r.getLong(4), r.getOffsetDateTime(5).toInstant(), r.getString(6),
        r.getOffsetDateTime(7) == null ? null : r.getOffsetDateTime(7).toInstant())));
    return rows;
  }

  /** The audit trail's actions on one alert, e.g. fired, escalated, in order. */
  public List<String> events(String alertId) {
    List<String> actions = new java.util.ArrayList<>();
    query("SELECT action FROM alert_event WHERE alert_id = $1::uuid ORDER BY at, id", Tuple.of(alertId))
        .forEach(r -> actions.add(r.getString(0)));
    return actions;
  }

  /** (rule, subject) pairs with more than one unresolved alert: must be none. */
  public Map<String, Long> duplicatedAlerts() {
    Map<String, Long> dup = new HashMap<>();
    query("SELECT rule || ' on ' || subject, count(*) FROM alert WHERE state <> 'resolved' GROUP BY rule, subject"
        + " HAVING count(*) > 1", Tuple.tuple()).forEach(r -> dup.put(r.getString(0), r.getLong(1)));
    return dup;
  }
}
