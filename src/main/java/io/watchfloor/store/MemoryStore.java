package io.watchfloor.store;

import io.vertx.core.Future;
import io.watchfloor.domain.Outcome;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Series;
import io.watchfloor.domain.SiteDayStats;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The embedded store: everything in memory, nothing across restarts. It is bounded: past
 * {@code maxReports} it refuses new reports with {@link StoreUnavailable} rather than dropping old
 * ones silently, so it never acknowledges what it cannot keep.
 */
public final class MemoryStore implements ReportStore {
  private final int maxReports;
  private final Map<UUID, Report> byId = new LinkedHashMap<>();
  private final Map<LocalDate, List<Report>> byDay = new HashMap<>();
  private final MemoryHistory history = new MemoryHistory(day -> byDay.getOrDefault(day, List.of()));

  public MemoryStore(int maxReports) {
    this.maxReports = maxReports;
  }

  @Override
  public String kind() {
    return "memory";
  }

  @Override
  public boolean durable() {
    return false;
  }

  @Override
  public Future<Void> open() {
    return Future.succeededFuture();
  }

  @Override
  public Future<List<Outcome>> write(List<Report> batch) {
    List<Report> distinct = Batches.firstPerId(batch);
    long fresh = distinct.stream().filter(r -> !byId.containsKey(r.id())).count();
    if (byId.size() + fresh > maxReports) {
      return Future.failedFuture(new StoreUnavailable(
          "the embedded store is full (" + maxReports + " reports); run with the PostgreSQL store", 60, null));
    }
    Set<UUID> inserted = new HashSet<>();
    Map<UUID, String> storedHash = new HashMap<>();
    for (Report report : distinct) {
      Report stored = byId.putIfAbsent(report.id(), report);
      if (stored == null) {
        inserted.add(report.id());
        byDay.computeIfAbsent(report.localDay(), d -> new ArrayList<>()).add(report);
        stored = report;
      }
      storedHash.put(report.id(), stored.bodyHash());
    }
    return Future.succeededFuture(Batches.outcomes(batch, inserted, storedHash));
  }

  @Override
  public Future<Optional<Report>> find(UUID id) {
    return Future.succeededFuture(Optional.ofNullable(byId.get(id)));
  }

  @Override
  public Future<List<Report>> reportsOn(LocalDate day) {
    List<Report> reports = new ArrayList<>(byDay.getOrDefault(day, List.of()));
    reports.sort(Comparator.comparing((Report r) -> r.observedAt().toInstant()).thenComparing(Report::id));
    return Future.succeededFuture(reports);
  }

  /** A site's reports lie in the newest days, so the days are walked back until enough are found. */
  @Override
  public Future<List<Report>> recent(String site, int limit) {
    List<Report> found = new ArrayList<>();
    List<LocalDate> days = new ArrayList<>(byDay.keySet());
    days.sort(Comparator.reverseOrder());
    for (int i = 0; i < days.size() && found.size() < limit; i++) {
      byDay.get(days.get(i)).stream().filter(r -> r.site().equals(site)).sorted(MemoryHistory.OBSERVED.reversed())
          .limit(limit - found.size()).forEach(found::add);
    }
    return Future.succeededFuture(found);
  }

  @Override
  public Future<List<Series.Point>> series(Series.Query query) {
    return Future.succeededFuture(history.series(query));
  }

  @Override
  public Future<Map<String, Ranking.Sum>> monthSums(String metric, YearMonth month, Map<String, String> areaBySite) {
    return Future.succeededFuture(history.monthSums(metric, month, areaBySite));
  }

  @Override
  public Future<Map<String, SiteDayStats>> dayStats(LocalDate day) {
    return Future.succeededFuture(history.dayStats(day));
  }

  @Override
  public Future<List<StoreMessages.SiteDaySum>> siteDaySums(StoreMessages.SiteDaySumsRequest request) {
    return Future.succeededFuture(history.siteDaySums(request));
  }

  @Override
  public Future<Map<LocalDate, Map<String, SiteDayStats>>> dayStatsRange(LocalDate from, LocalDate to, List<String> sites) {
    return Future.succeededFuture(history.dayStatsRange(from, to, sites));
  }

  @Override
  public Future<Void> ping() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
