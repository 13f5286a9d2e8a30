package io.watchfloor.store;

import io.vertx.core.Future;
import io.watchfloor.domain.Report;
import io.watchfloor.store.StoreMessages.HourlySum;
import io.watchfloor.store.StoreMessages.HourlySumsRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Hourly sums made from the days' reports, for a store that cannot sum where its rows are. */
final class HourlySums {
  private static final long HOUR_SECONDS = 3600;

  private record Key(String site, String metric, long hour) {
  }

  private HourlySums() {
  }

  static Future<List<HourlySum>> of(HourlySumsRequest request, Function<LocalDate, Future<List<Report>>> reportsOn) {
    Set<String> sites = request.sites() == null ? null : Set.copyOf(request.sites());
    Map<Key, Double> sums = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (LocalDate day = request.from(); day.isBefore(request.to()); day = day.plusDays(1)) {
      LocalDate read = day;
      chain = chain.compose(v -> reportsOn.apply(read)).map(reports -> {
        reports.stream().filter(report -> sites == null || sites.contains(report.site()))
            .forEach(report -> add(sums, report, request.metric()));
        return null;
      });
    }
    return chain.map(v -> {
      List<HourlySum> list = new ArrayList<>(sums.size());
      sums.forEach((key, total) -> list.add(new HourlySum(key.site(), key.metric(),
          Instant.ofEpochSecond(key.hour() * HOUR_SECONDS), total)));
      return list;
    });
  }

  /** @param metric the one metric summed, or null for every one */
  private static void add(Map<Key, Double> sums, Report report, String metric) {
    long hour = Math.floorDiv(report.observedAt().toEpochSecond(), HOUR_SECONDS);
    report.metrics().forEach((name, value) -> {
      if (metric == null || metric.equals(name)) {
        sums.merge(new Key(report.site(), name, hour), value, Double::sum);
      }
    });
  }
}
