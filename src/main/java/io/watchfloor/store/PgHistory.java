package io.watchfloor.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Series;
import io.watchfloor.domain.SiteDayStats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The PostgreSQL store's history reads: one statement each, aggregated in the database so only one
 * row per bucket, area or site comes back.
 */
final class PgHistory {
  private final Pool pool;

  PgHistory(Pool pool) {
    this.pool = pool;
  }

  Future<List<Series.Point>> series(Series.Query query) {
    boolean byDay = query.step() == Series.Step.DAY;
    boolean lastPerSite = query.aggregate() == Series.Aggregate.SUM_OF_LAST;
    String sql = byDay
        ? (lastPerSite ? PgQueries.SERIES_LAST_BY_DAY : PgQueries.SERIES_BY_DAY)
        : (lastPerSite ? PgQueries.SERIES_LAST_BY_BOUNDS : PgQueries.SERIES_BY_BOUNDS);
    String[] sites = query.sites().toArray(String[]::new);
    Tuple params = byDay
        ? Tuple.of(query.metric(), sites, query.firstDay(), query.endDay())
        : Tuple.of(query.metric(), sites, utc(query.from()), utc(query.to()),
            query.bounds().stream().map(PgHistory::utc).toArray(OffsetDateTime[]::new))
            .addLocalDate(utc(query.from()).toLocalDate().minusDays(1))
            .addLocalDate(utc(query.to()).toLocalDate().plusDays(2));
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      List<Series.Cell> cells = new ArrayList<>(rows.size());
      rows.forEach(row -> cells.add(new Series.Cell(row.getInteger("bucket"), row.getDouble("total"),
          row.getDouble("top"), row.getLong("readings"))));
      return query.points(cells);
    });
  }

  /** @param below with the commit tail: rows of transactions before this one only (null: every row) */
  Future<Map<String, Ranking.Sum>> monthSums(String metric, YearMonth month, Map<String, String> areaBySite, Long below) {
    String[] sites = areaBySite.keySet().toArray(String[]::new);
    String[] areas = new String[sites.length];
    for (int i = 0; i < sites.length; i++) {
      areas[i] = areaBySite.get(sites[i]);
    }
    Tuple params = Tuple.of(metric, sites, areas, month.atDay(1), month.plusMonths(1).atDay(1));
    if (below != null) {
      params.addString(Long.toString(below));
    }
    return pool.preparedQuery(below == null ? PgQueries.MONTH_SUMS : PgQueries.MONTH_SUMS_BELOW).execute(params).map(rows -> {
      Map<String, Ranking.Sum> sums = new HashMap<>();
      rows.forEach(row -> sums.put(row.getString("area"), new Ranking.Sum(row.getDouble("total"), row.getLong("readings"))));
      return sums;
    });
  }

  Future<Map<String, SiteDayStats>> dayStats(LocalDate day) {
    return pool.preparedQuery(PgQueries.DAY_STATS).execute(Tuple.of(day)).map(PgHistory::siteStats);
  }

  /** DAY_STATS' rows by site. */
  static Map<String, SiteDayStats> siteStats(Iterable<Row> rows) {
    Map<String, SiteDayStats> stats = new HashMap<>();
    rows.forEach(row -> stats.put(row.getString("site"), new SiteDayStats(row.getString("site"), row.getLong("reports"),
        row.getOffsetDateTime("first").toInstant(), row.getOffsetDateTime("last").toInstant())));
    return stats;
  }

  // --- the daily review's sums ---
  Future<List<StoreMessages.SiteDaySum>> siteDaySums(StoreMessages.SiteDaySumsRequest request) {
    List<String> metrics = request.metrics();
    List<String> lastOf = request.lastOf();
    // Tuple.of(a, b) would spread the second array as varargs
    Tuple params = Tuple.tuple().addValue(request.days().toArray(LocalDate[]::new))
        .addValue(request.sites().toArray(String[]::new));
    metrics.forEach(params::addString);
    lastOf.forEach(params::addString);
    String sql = PgQueries.siteDaySums(metrics.size(), lastOf.size());
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      List<StoreMessages.SiteDaySum> sums = new ArrayList<>();
      rows.forEach(row -> {
        for (int i = 0; i < metrics.size(); i++) {
          long readings = row.getLong("c" + i);
          if (readings > 0) {
            int last = lastOf.indexOf(metrics.get(i));
            sums.add(new StoreMessages.SiteDaySum(row.getString("site"), row.getLocalDate("local_day"), metrics.get(i),
                row.getDouble("s" + i), readings, last < 0 ? Double.NaN : row.getDouble("l" + last)));
          }
        }
      });
      return sums;
    });
  }

  Future<Map<LocalDate, Map<String, SiteDayStats>>> dayStatsRange(LocalDate from, LocalDate to, List<String> sites) {
    return pool.preparedQuery(PgQueries.DAY_STATS_RANGE).execute(Tuple.of(from, to, sites.toArray(String[]::new))).map(rows -> {
      Map<LocalDate, Map<String, SiteDayStats>> byDay = new HashMap<>();
      rows.forEach(row -> byDay.computeIfAbsent(row.getLocalDate("local_day"), d -> new HashMap<>())
          .put(row.getString("site"), new SiteDayStats(row.getString("site"), row.getLong("reports"),
              row.getOffsetDateTime("first").toInstant(), row.getOffsetDateTime("last").toInstant())));
      return byDay;
    });
  }
  // --- end review ---

  private static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
