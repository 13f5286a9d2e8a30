package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.watchfloor.domain.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A report row of PostgreSQL as the report it stores: one mapping for the store and the commit log. */
final class ReportRows {
  private ReportRows() {
  }

  static List<Report> toReports(RowSet<Row> rows) {
    List<Report> reports = new ArrayList<>(rows.size());
    rows.forEach(row -> reports.add(toReport(row)));
    return reports;
  }

  static Report toReport(Row row) {
    Map<String, Double> metrics = new TreeMap<>();
    row.getJsonObject("metrics").forEach(e -> metrics.put(e.getKey(), ((Number) e.getValue()).doubleValue()));
    return new Report(row.getUUID("id"), row.getString("unit"), row.getString("site"),
        row.getOffsetDateTime("observed_at"), row.getLocalDate("local_day"),
        row.getOffsetDateTime("received_at").toInstant(), Map.copyOf(metrics), row.getString("note"),
        row.getString("body_hash"));
  }

  /** Any failure of a read as the store's one answer to it: come back shortly. */
  static <T> Future<T> unavailable(Throwable e) {
    return Future.failedFuture(new StoreUnavailable("the database did not answer: " + e.getMessage(), 2, e));
  }

  static List<StoreMessages.HourlySum> toHourlySums(RowSet<Row> rows) {
    List<StoreMessages.HourlySum> sums = new ArrayList<>(rows.size());
    for (Row row : rows) {
      sums.add(new StoreMessages.HourlySum(row.getString("site"), row.getString("metric"),
          java.time.Instant.ofEpochSecond(row.getLong("hour")), row.getDouble("total")));
    }
    return sums;
  }

}
