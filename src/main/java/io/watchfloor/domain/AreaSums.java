package io.watchfloor.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * An area's figures built from its child areas' and its own sites', each kept until a site of its subtree
 * changes. Summing every site of the district for the district's totals and trend on every tick was a large
 * part of the server's work once the district had thousands of sites; now a tick's report in one village
 * sums again only the areas on its path, each over its direct children. Not thread-safe: one reader, the
 * picture's owner.
 */
final class AreaSums {
  /** Per metric: sum, count of sites with a value, max. Per counter: its sum by local hour. */
  private record Sums(long version, Map<String, double[]> values, Map<String, double[]> hourly) {
  }

  private static final Sums NONE = new Sums(0, Map.of(), Map.of());

  private final Catalogue catalogue;
  private final ToLongFunction<String> version;
  private final Function<String, Map<String, Double>> site;
  private final Function<String, Map<String, double[]>> siteHourly;
  private final Map<String, List<String>> ownSites = new HashMap<>();
  private final Map<String, Sums> held = new HashMap<>();

  /**
   * @param version    an area's change count: equal counts, equal sums
   * @param site       a site's figures of the day
   * @param siteHourly a site's counters by local hour
   */
  AreaSums(Catalogue catalogue, ToLongFunction<String> version, Function<String, Map<String, Double>> site,
           Function<String, Map<String, double[]>> siteHourly) {
    this.catalogue = catalogue;
    this.version = version;
    this.site = site;
    this.siteHourly = siteHourly;
    for (Site s : catalogue.sites()) {
      ownSites.computeIfAbsent(s.area(), a -> new ArrayList<>()).add(s.id());
    }
  }

  /** Sum, count and max per metric over the area's subtree; empty for an unknown area. Never to be changed. */
  Map<String, double[]> values(String areaId) {
    return known(areaId).values();
  }

  /** Counters by local hour over the area's subtree; empty for an unknown area. Never to be changed. */
  Map<String, double[]> hourly(String areaId) {
    return known(areaId).hourly();
  }

  /** Only areas of the tree are kept, so the memory is bounded by the tree whatever ids are asked for. */
  private Sums known(String areaId) {
    return catalogue.area(areaId).isPresent() ? sums(areaId) : NONE;
  }

  private Sums sums(String areaId) {
    long now = version.applyAsLong(areaId);
    Sums kept = held.get(areaId);
    if (kept != null && kept.version() == now) {
      return kept;
    }
    Map<String, double[]> values = new HashMap<>();
    Map<String, double[]> hours = new HashMap<>();
    for (Area child : catalogue.children(areaId)) {
      Sums below = sums(child.id());
      below.values().forEach((key, a) -> merge(values.computeIfAbsent(key, k -> empty()), a));
      below.hourly().forEach((key, h) -> add(hours.computeIfAbsent(key, k -> new double[24]), h));
    }
    for (String id : ownSites.getOrDefault(areaId, List.of())) {
      site.apply(id).forEach((key, value) -> {
        double[] a = values.computeIfAbsent(key, k -> empty());
        a[0] += value;
        a[1]++;
        a[2] = Math.max(a[2], value);
      });
      siteHourly.apply(id).forEach((key, h) -> add(hours.computeIfAbsent(key, k -> new double[24]), h));
    }
    Sums built = new Sums(now, values, hours);
    held.put(areaId, built);
    return built;
  }

  private static double[] empty() {
    return new double[] {0, 0, Double.NEGATIVE_INFINITY};
  }

  private static void merge(double[] into, double[] a) {
    into[0] += a[0];
    into[1] += a[1];
    into[2] = Math.max(into[2], a[2]);
  }

  private static void add(double[] into, double[] hours) {
    for (int h = 0; h < 24; h++) {
      into[h] += hours[h];
    }
  }

  /** The metric's value for the area as its roll-up says: the sum, the average to one decimal, or the max. */
  static Map<String, Double> rolledUp(Catalogue catalogue, Map<String, double[]> sums) {
    Map<String, Double> result = new TreeMap<>();
    sums.forEach((key, a) -> {
      Rollup rollup = catalogue.metric(key).map(MetricDef::rollup).orElse(Rollup.SUM);
      result.put(key, switch (rollup) {
        case SUM -> a[0];
        case AVG -> Math.round(a[0] / a[1] * 10.0) / 10.0;
        case MAX -> a[2];
      });
    });
    return result;
  }
}
