package io.watchfloor.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The jurisdiction as configured: its areas, sites, site kinds and metric catalogue. Immutable, so
 * every verticle can hold the same instance.
 */
public final class Catalogue {
  private final Jurisdiction jurisdiction;
  private final Map<String, SiteKind> siteKinds;
  private final Map<String, Area> areas;
  private final Map<String, Site> sites;
  private final Map<String, MetricDef> metrics;
  private final List<PlausibilityCheck> checks;

  public Catalogue(Jurisdiction jurisdiction, List<SiteKind> siteKinds, List<Area> areas, List<Site> sites,
                   List<MetricDef> metrics, List<PlausibilityCheck> checks) {
    this.jurisdiction = jurisdiction;
    this.siteKinds = index(siteKinds, SiteKind::key);
    this.areas = index(areas, Area::id);
    this.sites = index(sites, Site::id);
    this.metrics = index(metrics, MetricDef::key);
    this.checks = List.copyOf(checks);
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  public Jurisdiction jurisdiction() {
    return jurisdiction;
  }

  public Collection<SiteKind> siteKinds() {
    return siteKinds.values();
  }

  public Optional<SiteKind> siteKind(String key) {
    return Optional.ofNullable(siteKinds.get(key));
  }

  public Collection<Area> areas() {
    return areas.values();
  }

  public Optional<Area> area(String id) {
    return Optional.ofNullable(areas.get(id));
  }

  public Collection<Site> sites() {
    return sites.values();
  }

  public Optional<Site> site(String id) {
    return Optional.ofNullable(sites.get(id));
  }

  public Collection<MetricDef> metrics() {
    return metrics.values();
  }

  public Optional<MetricDef> metric(String key) {
    return Optional.ofNullable(metrics.get(key));
  }

  public List<MetricDef> metricsOf(String siteKind) {
    return metrics.values().stream().filter(m -> m.siteKind().equals(siteKind)).toList();
  }

  public List<PlausibilityCheck> checks() {
    return checks;
  }
}
