package io.watchfloor.store;

import io.vertx.core.Future;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Series;
import io.watchfloor.domain.SiteDayStats;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where reports are kept. Both implementations give the same answers for the same calls; the store
 * test suite runs against each. Calls are made from the store verticle's event loop only.
 */
public interface ReportStore {

  /** "postgres" or "memory", shown on the screen so nobody mistakes the demo store for a durable one. */
  String kind();

  /** Whether a committed report survives a restart. */
  boolean durable();

  /** Connects and creates or migrates the schema. */
  Future<Void> open();

  /**
   * The committed rows in order, which any number of nodes can follow exactly once; only a store
   * shared by every node has them (PostgreSQL), and only once open.
   */
  default Optional<CommitLog> commitLog() {
    return Optional.empty();
  }

  /**
   * Commits the batch in one transaction and says, in order, what became of each report. The
   * future succeeds only after the commit; it fails with {@link StoreUnavailable} when it cannot.
   */
  Future<List<Outcome>> write(List<Report> batch);

  Future<Optional<Report>> find(UUID id);

  /** Every stored report whose local day is {@code day}, in order of observation. */
  Future<List<Report>> reportsOn(LocalDate day);

  /**
   * Per site, metric and hour (UTC hours from the epoch), the sum of the readings the request asks for:
   * what the spike rule's hourly history needs of days no longer on the screen. This default reads the
   * days' reports; a store that can sum where the rows are does so instead, on the pool the request's
   * kind says. A store without a commit log has no transactions to stop below, so {@code below} is moot.
   */
  default Future<List<StoreMessages.HourlySum>> hourlySums(StoreMessages.HourlySumsRequest request) {
    return HourlySums.of(request, this::reportsOn);
  }

  /**
   * The same for a viewer's request (a replay, a rule preview), of these sites only (null: all):
   * PostgreSQL reads it on the pool whose queue and statement time are bounded, never the commits'.
   */
  default Future<List<Report>> viewerDay(LocalDate day, List<String> sites) {
    if (sites == null) {
      return reportsOn(day);
    }
    Set<String> wanted = Set.copyOf(sites);
    return reportsOn(day).map(all -> all.stream().filter(r -> wanted.contains(r.site())).toList());
  }

  /**
   * The newest {@code limit} reports of one site, newest observation first, ties going to the
   * greater id: what the duty officer reads beside an alert on that site.
   */
  Future<List<Report>> recent(String site, int limit);

  /**
   * The query's metric over its buckets, for the query's sites only: every bucket, in order, as
   * {@link Series.Query#points} makes them. Day buckets go by the stored local day; the last reading
   * of a site is the one observed last, ties going to the greater id.
   */
  Future<List<Series.Point>> series(Series.Query query);

  /**
   * Per area, the sum and count of {@code metric}'s readings on the local days of {@code month}, from
   * the sites named in {@code areaBySite} (site to area). Areas without readings are absent.
   */
  Future<Map<String, Ranking.Sum>> monthSums(String metric, YearMonth month, Map<String, String> areaBySite);

  /** Per site that reported on local day {@code day}: how many reports, the first and last observation. */
  Future<Map<String, SiteDayStats>> dayStats(LocalDate day);

  // the daily review's sums: defaults only for stores that keep no history, such as test doubles
  /** The daily review's figures: per site, day and metric of the given days. */
  default Future<List<StoreMessages.SiteDaySum>> siteDaySums(StoreMessages.SiteDaySumsRequest request) {
    return Future.failedFuture(new UnsupportedOperationException("this store keeps no history"));
  }

  /** {@link #dayStats} of every day in [from, to), days without a report left out. */
  default Future<Map<LocalDate, Map<String, SiteDayStats>>> dayStatsRange(LocalDate from, LocalDate to, List<String> sites) {
    return Future.failedFuture(new UnsupportedOperationException("this store keeps no history"));
  }

  /** Succeeds when the store can answer now. */
  Future<Void> ping();

  Future<Void> close();
}
