package io.watchfloor.store;

import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Series;
import io.watchfloor.domain.SiteDayStats;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The embedded store's history reads, in plain Java over its reports by local day. Sums are exact
 * decimals like PostgreSQL's numeric, so both stores end with the same doubles.
 */
final class MemoryHistory {
  /** The order PostgreSQL gives (observed_at, id): a uuid sorts as its bytes, which is its lowercase text. */
  static final Comparator<Report> OBSERVED = Comparator.comparing((Report r) -> r.observedAt().toInstant())
      .thenComparing(r -> r.id().toString());

  private final Function<LocalDate, List<Report>> reportsOn;

  MemoryHistory(Function<LocalDate, List<Report>> reportsOn) {
    this.reportsOn = reportsOn;
  }

  List<Series.Point> series(Series.Query query) {
    Set<String> sites = new HashSet<>(query.sites());
    boolean lastPerSite = query.aggregate() == Series.Aggregate.SUM_OF_LAST;
    Map<Integer, Acc> buckets = new HashMap<>();
    Map<SiteBucket, Report> last = new HashMap<>();
    // a day either side, so a report whose stored local day disagrees with the zone is still seen
    for (LocalDate day = query.firstDay().minusDays(1); !day.isAfter(query.endDay()); day = day.plusDays(1)) {
      for (Report report : reportsOn.apply(day)) {
        Double value = report.metrics().get(query.metric());
        int bucket = query.bucketOf(report);
        if (value == null || bucket < 0 || !sites.contains(report.site())) {
          continue;
        }
        if (lastPerSite) {
          last.merge(new SiteBucket(report.site(), bucket), report, (a, b) -> OBSERVED.compare(a, b) >= 0 ? a : b);
        } else {
          buckets.computeIfAbsent(bucket, b -> new Acc()).add(value);
        }
      }
    }
    last.forEach((key, report) -> buckets.computeIfAbsent(key.bucket(), b -> new Acc())
        .add(report.metrics().get(query.metric())));
    return query.points(buckets.entrySet().stream().map(e -> e.getValue().cell(e.getKey())).toList());
  }

  Map<String, Ranking.Sum> monthSums(String metric, YearMonth month, Map<String, String> areaBySite) {
    Map<String, Acc> byArea = new HashMap<>();
    for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
      for (Report report : reportsOn.apply(day)) {
        String area = areaBySite.get(report.site());
        Double value = report.metrics().get(metric);
        if (area != null && value != null) {
          byArea.computeIfAbsent(area, a -> new Acc()).add(value);
        }
      }
    }
    Map<String, Ranking.Sum> sums = new HashMap<>();
    byArea.forEach((area, acc) -> sums.put(area, new Ranking.Sum(acc.total.doubleValue(), acc.count)));
    return sums;
  }

  Map<String, SiteDayStats> dayStats(LocalDate day) {
    Map<String, SiteDayStats> stats = new HashMap<>();
    for (Report report : reportsOn.apply(day)) {
      stats.compute(report.site(), (site, s) -> (s == null ? new SiteDayStats(site, 0, null, null) : s)
          .plus(report.observedAt().toInstant()));
    }
    return stats;
  }

  // --- the daily review's sums ---
  List<StoreMessages.SiteDaySum> siteDaySums(StoreMessages.SiteDaySumsRequest request) {
    Set<String> wanted = new HashSet<>(request.sites());
    Set<String> metricsWanted = new HashSet<>(request.metrics());
    List<LocalDate> days = request.days();
    List<StoreMessages.SiteDaySum> sums = new java.util.ArrayList<>();
    for (LocalDate day : new java.util.LinkedHashSet<>(days)) {
      Map<String, Map<String, Acc>> bySite = new HashMap<>();
      Map<String, Map<String, Report>> lastBySite = new HashMap<>();
      for (Report report : reportsOn.apply(day)) {
        if (!wanted.contains(report.site())) {
          continue;
        }
        report.metrics().forEach((metric, value) -> {
          if (!metricsWanted.contains(metric)) {
            return;
          }
          bySite.computeIfAbsent(report.site(), s -> new HashMap<>()).computeIfAbsent(metric, m -> new Acc()).add(value);
          lastBySite.computeIfAbsent(report.site(), s -> new HashMap<>())
              .merge(metric, report, (a, b) -> OBSERVED.compare(a, b) >= 0 ? a : b);
        });
      }
      bySite.forEach((site, metrics) -> metrics.forEach((metric, acc) -> sums.add(new StoreMessages.SiteDaySum(site, day,
          metric, acc.total.doubleValue(), acc.count, request.lastOf().contains(metric)
          ? lastBySite.get(site).get(metric).metrics().get(metric) : Double.NaN))));
    }
    return sums;
  }

  Map<LocalDate, Map<String, SiteDayStats>> dayStatsRange(LocalDate from, LocalDate to, List<String> sites) {
    Map<LocalDate, Map<String, SiteDayStats>> byDay = new HashMap<>();
    for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
      Map<String, SiteDayStats> stats = new HashMap<>(dayStats(day));
      stats.keySet().retainAll(new HashSet<>(sites));
      if (!stats.isEmpty()) {
        byDay.put(day, stats);
      }
    }
    return byDay;
  }
  // --- end review ---

  private record SiteBucket(String site, int bucket) {
  }

  /** Readings of one bucket or area so far. */
  private static final class Acc {
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal max;
    long count;

    void add(double value) {
      BigDecimal v = BigDecimal.valueOf(value);
      total = total.add(v);
      max = max == null || v.compareTo(max) > 0 ? v : max;
      count++;
    }

    Series.Cell cell(int bucket) {
      return new Series.Cell(bucket, total.doubleValue(), max.doubleValue(), count);
    }
  }
}
