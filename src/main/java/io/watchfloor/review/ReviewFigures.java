package io.watchfloor.review;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.MetricDef;
import io.watchfloor.domain.Site;
import io.watchfloor.live.StateJson;
import io.watchfloor.domain.Rollup;
import io.watchfloor.store.StoreMessages.SiteDaySum;
import io.watchfloor.store.StoreMessages.SiteDaySumsRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The review's figures: per metric, the scope's and each child area's day against yesterday and the
 * mean of the same weekday over the 4 weeks before, from per-site-per-day sums. Counters are summed;
 * gauges follow their rollup over each site's day (a sum or max of each site's last reading, or the
 * mean of every reading, as the score is). Changes are differences in the metric's own unit.
 */
final class ReviewFigures {
  static final int WEEKS = 4;
  static final int MOVERS = 3;

  private final Catalogue catalogue;
  private final LocalDate date;
  /** day → site → metric → the site's sums of that day. */
  private final Map<LocalDate, Map<String, Map<String, SiteDaySum>>> sums = new HashMap<>();

  ReviewFigures(Catalogue catalogue, LocalDate date, List<SiteDaySum> rows) {
    this.catalogue = catalogue;
    this.date = date;
    rows.forEach(r -> sums.computeIfAbsent(r.day(), d -> new HashMap<>()).computeIfAbsent(r.site(), s -> new HashMap<>())
        .put(r.metric(), r));
  }

  /** The date, yesterday and the same weekday of each of the 4 weeks before: what one query fetches. */
  static List<LocalDate> days(LocalDate date) {
    List<LocalDate> days = new ArrayList<>(List.of(date, date.minusDays(1)));
    for (int w = 1; w <= WEEKS; w++) {
      days.add(date.minusWeeks(w));
    }
    return days;
  }

  JsonObject json(String scope) {
    JsonObject figures = new JsonObject();
    for (MetricDef metric : metricsOf(catalogue, scope)) {
      JsonObject entry = row(metric, scope);
      JsonObject areas = new JsonObject();
      Map<String, Double> change = new HashMap<>();
      for (Area child : catalogue.children(scope)) {
        JsonObject childRow = row(metric, child.id());
        areas.put(child.id(), childRow);
        if (childRow.getValue("vsWeekday") instanceof Number n) {
          change.put(child.id(), n.doubleValue());
        }
      }
      figures.put(metric.key(), entry.put("areas", areas).put("movers", new JsonObject()
          .put("up", movers(change, Comparator.reverseOrder(), 1))
          .put("down", movers(change, Comparator.naturalOrder(), -1))));
    }
    return figures;
  }

  private JsonObject row(MetricDef metric, String area) {
    List<String> sites = catalogue.subtreeSites(area).stream().filter(s -> s.kind().equals(metric.siteKind()))
        .map(Site::id).toList();
    Double day = value(metric, sites, date);
    Double yesterday = value(metric, sites, date.minusDays(1));
    double total = 0;
    int weeks = 0;
    for (int w = 1; w <= WEEKS; w++) {
      Double v = value(metric, sites, date.minusWeeks(w));
      if (v != null) {
        total += v;
        weeks++;
      }
    }
    Double mean = weeks == 0 ? null : round(total / weeks);
    return new JsonObject().put("day", number(day)).put("yesterday", number(yesterday)).put("weekdayMean", number(mean))
        .put("vsYesterday", number(minus(day, yesterday))).put("vsWeekday", number(minus(day, mean)));
  }

  /** A counter's day without a reading is 0; a gauge's has no value (null). */
  private Double value(MetricDef metric, List<String> sites, LocalDate day) {
    Map<String, Map<String, SiteDaySum>> bySite = sums.getOrDefault(day, Map.of());
    double total = 0;
    double top = Double.NEGATIVE_INFINITY;
    long readings = 0;
    int reporting = 0;
    for (String site : sites) {
      SiteDaySum s = bySite.getOrDefault(site, Map.of()).get(metric.key());
      if (s == null) {
        continue;
      }
      reporting++;
      readings += s.readings();
      switch (metric.rollup()) {
        case AVG -> total += s.total();
        case MAX -> top = Math.max(top, s.last());
        case SUM -> total += metric.isCounter() ? s.total() : s.last();
      }
    }
    if (metric.isCounter()) {
      return round(total);
    }
    if (reporting == 0) {
      return null;
    }
    return switch (metric.rollup()) {
      case AVG -> round(total / readings);
      case MAX -> top;
      case SUM -> round(total);
    };
  }

  private static JsonArray movers(Map<String, Double> change, Comparator<Double> order, int sign) {
    JsonArray list = new JsonArray();
    change.entrySet().stream().filter(e -> Math.signum(e.getValue()) == sign)
        .sorted(Map.Entry.<String, Double>comparingByValue(order).thenComparing(Map.Entry.comparingByKey()))
        .limit(MOVERS)
        .forEach(e -> list.add(new JsonObject().put("area", e.getKey()).put("change", number(e.getValue()))));
    return list;
  }

  private static Double minus(Double a, Double b) {
    return a == null || b == null ? null : round(a - b);
  }

  /** Three decimals, as a score or a rate is read; sums of whole counts stay whole. */
  static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  private static Number number(Double v) {
    return v == null ? null : StateJson.number(v);
  }

  /** What one store request fetches: the scope's metrics on the figures' days, last readings where a gauge needs them. */
  static SiteDaySumsRequest request(Catalogue catalogue, String scope, LocalDate date) {
    List<MetricDef> metrics = metricsOf(catalogue, scope);
    return new SiteDaySumsRequest(days(date), siteIds(catalogue, scope), metrics.stream().map(MetricDef::key).toList(),
        metrics.stream().filter(m -> !m.isCounter() && m.rollup() != Rollup.AVG).map(MetricDef::key).toList());
  }

  /** The metrics some site of the scope reports. */
  static List<MetricDef> metricsOf(Catalogue catalogue, String scope) {
    List<Site> sites = catalogue.subtreeSites(scope);
    return catalogue.metrics().stream().filter(m -> sites.stream().anyMatch(s -> s.kind().equals(m.siteKind()))).toList();
  }

  /** The sites whose figures a scope's review reads, for the store's site filter. */
  static List<String> siteIds(Catalogue catalogue, String scope) {
    return catalogue.subtreeSites(scope).stream().map(Site::id).collect(Collectors.toList());
  }
}
