package io.watchfloor.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads and cross-checks the town file; every error names the file and the field. */
public final class CatalogueReader {
  private CatalogueReader() {
  }

  public static Catalogue read(ConfigNode town) {
    Jurisdiction jurisdiction = jurisdiction(town.required("jurisdiction"));
    List<Level> levels = town.list("levels", CatalogueReader::level);
    List<SiteKind> kinds = town.list("siteKinds", CatalogueReader::siteKind);
    List<Area> areas = town.list("areas", CatalogueReader::area);
    List<MetricDef> metrics = town.list("metrics", CatalogueReader::metric);
    List<Site> sites = town.list("sites", CatalogueReader::site);
    List<PlausibilityCheck> checks = town.has("checks")
        ? town.list("checks", c -> new PlausibilityCheck(c.text("metric"), c.text("atMost")))
        : List.of();
    unique(town.required("levels"), levels.stream().map(Level::key).toList());
    unique(town.required("siteKinds"), kinds.stream().map(SiteKind::key).toList());
    unique(town.required("areas"), areas.stream().map(Area::id).toList());
    unique(town.required("sites"), sites.stream().map(Site::id).toList());
    unique(town.required("metrics"), metrics.stream().map(MetricDef::key).toList());
    TreeCheck.check(town, jurisdiction, levels, areas);
    checkSiteAreas(town, areas, sites);
    Catalogue catalogue = new Catalogue(jurisdiction, levels, kinds, areas, sites, metrics, checks);
    crossCheck(town, catalogue);
    return catalogue;
  }

  private static Jurisdiction jurisdiction(ConfigNode node) {
    ConfigNode tz = node.required("timezone");
    try {
      return new Jurisdiction(node.text("id"), node.text("name"), node.required("label").label(), ZoneId.of(tz.text()));
    } catch (DateTimeException e) {
      throw tz.error("unknown time zone '" + tz.text() + "'");
    }
  }

  private static SiteKind siteKind(ConfigNode node) {
    Duration every = null;
    LocalTime deadline = null;
    if (node.has("expectedEvery")) {
      ConfigNode field = node.field("expectedEvery");
      try {
        every = Duration.parse(field.text());
      } catch (DateTimeException e) {
        throw field.error("must be an ISO-8601 duration such as PT1H");
      }
    }
    if (node.has("dailyDeadline")) {
      ConfigNode field = node.field("dailyDeadline");
      try {
        deadline = LocalTime.parse(field.text());
      } catch (DateTimeException e) {
        throw field.error("must be a local time such as 18:00");
      }
    }
    return new SiteKind(node.text("key"), node.required("label").label(), every, deadline);
  }

  private static Level level(ConfigNode node) {
    boolean centre = !node.has("commandCentre") || node.field("commandCentre").bool();
    return new Level(node.text("key"), node.required("label").label(), centre);
  }

  /** Only the root may go without an outline: it is drawn by its children's. */
  private static Area area(ConfigNode node) {
    String parent = node.has("parent") ? node.field("parent").text() : null;
    List<double[]> outline = parent == null && !node.has("outline") ? List.of()
        : node.list("outline", CatalogueReader::point);
    if (parent != null && outline.size() < 3) {
      throw node.field("outline").error("needs at least 3 points");
    }
    return new Area(node.text("id"), node.text("name"), node.required("label").label(), parent, node.text("level"),
        outline);
  }

  private static void checkSiteAreas(ConfigNode town, List<Area> areas, List<Site> sites) {
    Set<String> ids = new HashSet<>(areas.stream().map(Area::id).toList());
    List<ConfigNode> nodes = town.required("sites").list(n -> n);
    for (int i = 0; i < sites.size(); i++) {
      if (!ids.contains(sites.get(i).area())) {
        throw nodes.get(i).field("area").error("unknown area '" + sites.get(i).area() + "'");
      }
    }
  }

  private static double[] point(ConfigNode node) {
    List<Double> xy = node.list(ConfigNode::number);
    if (xy.size() != 2) {
      throw node.error("must be [x, y]");
    }
    return new double[] {xy.get(0), xy.get(1)};
  }

  private static Site site(ConfigNode node) {
    return new Site(node.text("id"), node.text("name"), node.required("label").label(), node.text("kind"),
        node.text("area"), point(node.required("position")));
  }

  private static MetricDef metric(ConfigNode node) {
    ConfigNode kindNode = node.required("kind");
    MetricKind kind = switch (kindNode.text()) {
      case "counter" -> MetricKind.COUNTER;
      case "gauge" -> MetricKind.GAUGE;
      default -> throw kindNode.error("must be counter or gauge");
    };
    double min = node.required("min").number();
    double max = node.required("max").number();
    if (min > max) {
      throw node.field("min").error("is above max");
    }
    if (kind == MetricKind.COUNTER && min < 0) {
      throw node.field("min").error("a counter cannot go below 0");
    }
    boolean integer = kind == MetricKind.COUNTER || (node.has("integer") && node.field("integer").bool());
    Rollup rollup = kind == MetricKind.COUNTER ? Rollup.SUM : Rollup.AVG;
    if (node.has("rollup")) {
      ConfigNode rollupNode = node.field("rollup");
      try {
        rollup = Rollup.valueOf(rollupNode.text().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw rollupNode.error("must be sum, avg or max");
      }
    }
    return new MetricDef(node.text("key"), kind, node.text("siteKind"), node.text("unit"), min, max, integer,
        decimals(node, integer), rollup, node.required("label").label());
  }

  private static int decimals(ConfigNode node, boolean integer) {
    if (!node.has("decimals")) {
      return integer ? 0 : MetricDef.DEFAULT_DECIMALS;
    }
    long decimals = node.field("decimals").wholeNumber(0, MetricDef.MAX_DECIMALS);
    if (integer && decimals != 0) {
      throw node.field("decimals").error("a whole-number metric has 0 decimals");
    }
    return (int) decimals;
  }

  private static void unique(ConfigNode list, List<String> keys) {
    Set<String> seen = new HashSet<>();
    for (String key : keys) {
      if (!seen.add(key)) {
        throw list.error("'" + key + "' appears twice");
      }
    }
  }

  private static void crossCheck(ConfigNode town, Catalogue catalogue) {
    List<Site> sites = List.copyOf(catalogue.sites());
    // the nodes listed once: listing them per site made a start-up with 1,000 sites quadratic
    List<ConfigNode> siteNodes = town.required("sites").list(n -> n);
    for (int i = 0; i < sites.size(); i++) {
      Site site = sites.get(i);
      ConfigNode node = siteNodes.get(i);
      if (catalogue.siteKind(site.kind()).isEmpty()) {
        throw node.field("kind").error("unknown site kind '" + site.kind() + "'");
      }
    }
    List<MetricDef> metrics = List.copyOf(catalogue.metrics());
    List<ConfigNode> metricNodes = town.required("metrics").list(n -> n);
    for (int i = 0; i < metrics.size(); i++) {
      if (catalogue.siteKind(metrics.get(i).siteKind()).isEmpty()) {
        throw metricNodes.get(i).field("siteKind")
            .error("unknown site kind '" + metrics.get(i).siteKind() + "'");
      }
    }
    for (PlausibilityCheck check : catalogue.checks()) {
      for (String key : List.of(check.metric(), check.atMost())) {
        if (catalogue.metric(key).isEmpty()) {
          throw town.required("checks").error("unknown metric '" + key + "'");
        }
      }
    }
  }
}
