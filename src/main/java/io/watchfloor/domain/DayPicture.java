package io.watchfloor.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One local day of the jurisdiction: per site, counters summed and gauges at their latest reading.
 * Area and jurisdiction values are derived from the sites on demand, so they can never disagree: each area's
 * from its children's, kept until a site below it changes ({@link AreaSums}).
 */
public final class DayPicture {
  private final Catalogue catalogue;
  private final LocalDate day;
  private final Map<String, Map<String, Double>> siteValues = new HashMap<>();
  private final Map<String, Instant> gaugeObservedAt = new HashMap<>();
  private final Map<String, SiteDayStats> siteStats = new HashMap<>();
  /** Per site, its counters by local hour: an area's trend is its subtree's sites summed, like its totals. */
  private final Map<String, Map<String, double[]>> hourlyBySite = new HashMap<>();
  /** A report may reach the picture twice (a resend after a lost acknowledgement); it counts once. */
  private final IdSet applied = new IdSet();
  private long reports;
  /**
   * Counts the picture's changes, so a reader that built something from it can tell whether to build it again:
   * each site and each area remembers the count at the last change of its figures (an area's at the last change
   * of any site of its subtree). A count never repeats within a picture; 0 is "never changed".
   */
  private long changes;
  private final Map<String, Long> siteChanged = new HashMap<>();
  private final Map<String, Long> areaChanged = new HashMap<>();
  private final AreaSums areaSums;

  public DayPicture(Catalogue catalogue, LocalDate day) {
    this.catalogue = catalogue;
    this.day = day;
    this.areaSums = new AreaSums(catalogue, this::areaVersion, this::site, this::siteHourly);
  }

  public LocalDate day() {
    return day;
  }

  public long reports() {
    return reports;
  }

  /** Adds a committed report; returns false if it belongs to another day or was counted already. */
  public boolean apply(Report report) {
    if (!report.localDay().equals(day) || !applied.add(report.id())) {
      return false;
    }
    Map<String, Double> values = siteValues.computeIfAbsent(report.site(), s -> new TreeMap<>());
    Instant observed = report.observedAt().toInstant();
    report.metrics().forEach((key, value) -> {
      MetricDef def = catalogue.metric(key).orElseThrow();
      if (def.isCounter()) {
        values.merge(key, value, Double::sum);
      } else {
        String gaugeKey = report.site() + '\u0000' + key;
        Instant seen = gaugeObservedAt.get(gaugeKey);
        if (seen == null || !observed.isBefore(seen)) {
          gaugeObservedAt.put(gaugeKey, observed);
          values.put(key, value);
        }
      }
    });
    siteStats.put(report.site(), siteStats.getOrDefault(report.site(), new SiteDayStats(report.site(), 0, null, null))
        .plus(observed));
    int hour = observed.atZone(catalogue.jurisdiction().timezone()).getHour();
    report.metrics().forEach((key, value) -> {
      if (catalogue.metric(key).map(MetricDef::isCounter).orElse(false)) {
        hourlyBySite.computeIfAbsent(report.site(), s -> new HashMap<>())
            .computeIfAbsent(key, k -> new double[24])[hour] += value;
      }
    });
    reports++;
    changed(report.site());
    return true;
  }

  private void changed(String site) {
    changes++;
    siteChanged.put(site, changes);
    Long at = changes;
    catalogue.site(site).ifPresent(s -> catalogue.path(s.area()).forEach(area -> areaChanged.put(area, at)));
  }

  /** The change count at the site's last change: equal counts, equal figures ({@link #site}, {@link #lastReportAt}). */
  public long siteVersion(String siteId) {
    return siteChanged.getOrDefault(siteId, 0L);
  }

  /** The change count at the last change of any site of the area's subtree: its roll-up, trend and compliance. */
  public long areaVersion(String areaId) {
    return areaChanged.getOrDefault(areaId, 0L);
  }

  /**
   * A counter's sum over a span within one local hour (a quarter hour or a minute), as a store sums it:
   * the rebuild of a store whose commit log brings no stored report twice, so no id needs keeping.
   * Gauges and unknown metrics are left to {@link #seedLast}.
   */
  public void addCounterSum(String site, String metric, Instant from, double total) {
    if (!catalogue.metric(metric).map(MetricDef::isCounter).orElse(false)) {
      return;
    }
    siteValues.computeIfAbsent(site, s -> new TreeMap<>()).merge(metric, total, Double::sum);
    int hour = from.atZone(catalogue.jurisdiction().timezone()).getHour();
    hourlyBySite.computeIfAbsent(site, s -> new HashMap<>()).computeIfAbsent(metric, k -> new double[24])[hour] += total;
    changed(site);
  }

  /** A gauge's reading observed last on the day, from the store; counters are summed by {@link #addCounterSum}. */
  public void seedLast(String site, String metric, Instant observed, double value) {
    if (catalogue.metric(metric).map(def -> !def.isCounter()).orElse(false)) {
      gaugeObservedAt.put(site + '\u0000' + metric, observed);
      siteValues.computeIfAbsent(site, s -> new TreeMap<>()).put(metric, value);
      changed(site);
    }
  }

  /** How a site reported on the day, from the store; the day's report count grows by its reports. */
  public void seedSite(SiteDayStats stats) {
    siteStats.put(stats.site(), stats);
    reports += stats.reports();
    changed(stats.site());
  }

  public Map<String, Double> site(String siteId) {
    return siteValues.getOrDefault(siteId, Map.of());
  }

  public Optional<Instant> lastReportAt(String siteId) {
    return Optional.ofNullable(siteStats.get(siteId)).map(SiteDayStats::last);
  }

  /** The same as {@link #siteStats}, not copied: to read at once, never to keep, as the picture changes under it. */
  public Map<String, SiteDayStats> siteStatsNow() {
    return java.util.Collections.unmodifiableMap(siteStats);
  }

  /** Per site: how many reports today, and the first and last observation; for compliance. */
  public Map<String, SiteDayStats> siteStats() {
    return Map.copyOf(siteStats);
  }

  /** An area's counters by local hour of observation: the sum over the sites of its subtree. */
  public Map<String, double[]> hourlyCounters(String areaId) {
    Map<String, double[]> sum = new TreeMap<>();
    areaSums.hourly(areaId).forEach((key, hours) -> sum.put(key, hours.clone()));
    return sum;
  }

  private Map<String, double[]> siteHourly(String siteId) {
    return hourlyBySite.getOrDefault(siteId, Map.of());
  }

  public Map<String, Double> area(String areaId) {
    return rollup(areaId);
  }

  public Map<String, Double> totals() {
    return rollup(catalogue.root().id());
  }

  private Map<String, Double> rollup(String areaId) {
    return AreaSums.rolledUp(catalogue, areaSums.values(areaId));
  }
}
