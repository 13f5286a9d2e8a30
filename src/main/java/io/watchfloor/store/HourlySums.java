package io.watchfloor.store;

import io.vertx.core.Future;
import io.watchfloor.domain.Report;
import io.watchfloor.store.StoreMessages.HourlySum;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Hourly sums made from the days' reports, for a store that cannot sum where its rows are. */
final class HourlySums {
  private static final long HOUR_SECONDS = 3600;

  private record Key(String site, String metric, long hour) {
  }

  private HourlySums() {
  }

  static Future<List<HourlySum>> of(LocalDate from, LocalDate to, Function<LocalDate, Future<List<Report>>> reportsOn) {
    Map<Key, Double> sums = new LinkedHashMap<>();
    Future<Void> chain = Future.succeededFuture();
    for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
      LocalDate read = day;
      chain = chain.compose(v -> reportsOn.apply(read)).map(reports -> {
        reports.forEach(report -> add(sums, report));
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

  private static void add(Map<Key, Double> sums, Report report) {
    long hour = Math.floorDiv(report.observedAt().toEpochSecond(), HOUR_SECONDS);
    report.metrics().forEach((metric, value) -> sums.merge(new Key(report.site(), metric, hour), value, Double::sum));
  }
}
