package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.SiteDayStats;
import io.watchfloor.store.StoreMessages.DaySums;
import io.watchfloor.store.StoreMessages.DaySumsRequest;
import io.watchfloor.store.StoreMessages.LastReading;
import io.watchfloor.store.StoreMessages.MetricSum;
import io.watchfloor.store.StoreMessages.TailPosition;
import io.watchfloor.store.StoreMessages.TailRows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's report table read as a {@link CommitLog}: the horizon, the rows after a position, and the
 * rebuild's reads below a horizon. It shares {@link PgStore}'s pools, which {@link PgStore#open} makes.
 */
final class PgCommitLog implements CommitLog {
  private final Pool pool;
  private final PgHistory history;

  /** {@code pool} is the ingest pool: the tail is what the live picture waits for, never queued behind history reads. */
  PgCommitLog(Pool pool, PgHistory history) {
    this.pool = pool;
    this.history = history;
  }

  @Override
  public Future<Long> horizon() {
    return pool.query(PgQueries.HORIZON).execute()
        .map(rows -> Long.parseLong(rows.iterator().next().getString("horizon")))
        .recover(ReportRows::unavailable);
  }

  @Override
  public Future<TailRows> tail(TailPosition after, int limit) {
    return pool.preparedQuery(PgQueries.TAIL).execute(Tuple.of(Long.toString(after.txid()), after.id(), limit))
        .map(rows -> {
          List<Report> reports = new ArrayList<>(rows.size());
          TailPosition last = after;
          for (Row row : rows) {
            Report report = ReportRows.toReport(row);
            reports.add(report);
            last = new TailPosition(Long.parseLong(row.getString("txid")), report.id());
          }
          return new TailRows(reports, last);
        })
        .recover(ReportRows::unavailable);
  }

  @Override
  public Future<List<Report>> reportsOn(LocalDate day, long below) {
    return pool.preparedQuery(PgQueries.REPORTS_ON_DAY_BELOW).execute(Tuple.of(day, Long.toString(below)))
        .map(ReportRows::toReports)
        .recover(ReportRows::unavailable);
  }

  /** The three statements side by side on the ingest pool, as the rest of the rebuild's reads. */
  @Override
  public Future<DaySums> daySums(DaySumsRequest request) {
    String below = Long.toString(request.below());
    Future<List<MetricSum>> sums = pool.preparedQuery(PgQueries.DAY_SUMS_BELOW)
        .execute(Tuple.of(request.day(), request.recentFrom().atOffset(ZoneOffset.UTC), below))
        .map(PgCommitLog::metricSums);
    Future<List<LastReading>> lasts = pool.preparedQuery(PgQueries.DAY_LASTS_BELOW).execute(Tuple.of(request.day(), below))
        .map(PgCommitLog::lastReadings);
    Future<Map<String, SiteDayStats>> sites = pool.preparedQuery(PgQueries.DAY_STATS_BELOW).execute(Tuple.of(request.day(), below))
        .map(PgHistory::siteStats);
    return Future.all(sums, lasts, sites)
        .map(v -> new DaySums(request.day(), sums.result(), lasts.result(), sites.result()))
        .recover(ReportRows::unavailable);
  }

  private static List<MetricSum> metricSums(RowSet<Row> rows) {
    List<MetricSum> sums = new ArrayList<>(rows.size());
    rows.forEach(row -> sums.add(new MetricSum(row.getString("site"), row.getString("metric"),
        Instant.ofEpochSecond(row.getLong("bucket")), row.getDouble("total"), row.getLong("readings"))));
    return sums;
  }

  private static List<LastReading> lastReadings(RowSet<Row> rows) {
    List<LastReading> lasts = new ArrayList<>(rows.size());
    rows.forEach(row -> lasts.add(new LastReading(row.getString("site"), row.getString("metric"),
        row.getOffsetDateTime("observed_at").toInstant(), row.getDouble("value"))));
    return lasts;
  }

  @Override
  public Future<Map<String, Ranking.Sum>> monthSums(String metric, YearMonth month, Map<String, String> areaBySite,
                                                    long below) {
    return history.monthSums(metric, month, areaBySite, below).recover(ReportRows::unavailable);
  }

}
