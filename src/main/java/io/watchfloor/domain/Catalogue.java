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
  private final Map<String, Level> levels;
  private final Map<String, Area> areas;
  private final Map<String, Site> sites;
  private final Map<String, MetricDef> metrics;
  private final List<PlausibilityCheck> checks;
  private final AreaTree tree;

  /** The areas must already form one tree (the reader checks): one root, known parents, no cycle. */
  public Catalogue(Jurisdiction jurisdiction, List<Level> levels, List<SiteKind> siteKinds, List<Area> areas,
                   List<Site> sites, List<MetricDef> metrics, List<PlausibilityCheck> checks) {
    this.jurisdiction = jurisdiction;
    this.levels = index(levels, Level::key);
    this.siteKinds = index(siteKinds, SiteKind::key);
    this.areas = index(areas, Area::id);
    this.sites = index(sites, Site::id);
    this.metrics = index(metrics, MetricDef::key);
    this.checks = List.copyOf(checks);
    this.tree = new AreaTree(this.areas, this.levels, this.sites.values());
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

  /** Root first, as configured. */
  public Collection<Level> levels() {
    return levels.values();
  }

  public Optional<Level> level(String key) {
    return Optional.ofNullable(levels.get(key));
  }

  /** The jurisdiction as an area: the district whose subtree is everything. */
  public Area root() {
    return tree.root();
  }

  public List<Area> children(String areaId) {
    return tree.children(areaId);
  }

  public boolean hasChildren(String areaId) {
    return !tree.children(areaId).isEmpty();
  }

  /** The area itself first, then every area below it; empty for an unknown id. */
  public List<Area> subtreeAreas(String areaId) {
    return tree.subtreeAreas(areaId);
  }

  /** Every site hung on the area or below it: the sites whose figures are the area's. */
  public List<Site> subtreeSites(String areaId) {
    return tree.subtreeSites(areaId);
  }

  /** The area's ancestors and itself, root first; empty for an unknown id. */
  public List<String> path(String areaId) {
    return tree.path(areaId);
  }

  /** Whether {@code areaId} is {@code scope} or below it; false if either is unknown. */
  public boolean contains(String scope, String areaId) {
    return scope != null && areaId != null && tree.contains(scope, areaId);
  }

  public boolean containsSite(String scope, String siteId) {
    Site site = sites.get(siteId);
    return site != null && contains(scope, site.area());
  }

  /** The child of {@code scope} on the way down to {@code areaId}: where a figure of areaId counts in scope's ranking. */
  public Optional<Area> childToward(String scope, String areaId) {
    return tree.childToward(scope, areaId);
  }

  /** The nearest area at or above {@code areaId} with a command centre: whose duty desk owns its alerts. */
  public Optional<Area> desk(String areaId) {
    return tree.desk(areaId);
  }

  /** The next command centre above the one that owns {@code areaId}'s alerts, if there is one. */
  public Optional<Area> escalationTarget(String areaId) {
    return tree.escalationTarget(areaId);
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
