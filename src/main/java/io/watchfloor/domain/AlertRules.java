package io.watchfloor.domain;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the rules file; every error names the file and the field. */
public final class AlertRules {
  /** A spike at more than a hundred times the usual hour is not a spike a rule needs to wait for. */
  private static final double MAX_FACTOR = 100;
  private static final long MAX_COUNTER_BOUND = 1_000_000_000L;

  private AlertRules() {
  }

  public static List<AlertRule> read(ConfigNode file, Catalogue catalogue) {
    List<AlertRule> rules = file.list("rules", node -> rule(node, catalogue));
    Set<String> ids = new HashSet<>();
    for (AlertRule rule : rules) {
      if (!ids.add(rule.id())) {
        throw file.required("rules").error("rule id '" + rule.id() + "' appears twice");
      }
    }
    return rules;
  }

  /**
   * One rule, with every check the file gets: the admin API reads an edited rule through here, so a
   * rule the page accepts is one the file would have accepted, and the other way round.
   */
  public static AlertRule rule(ConfigNode node, Catalogue catalogue) {
    AlertRule.Kind kind = enumOf(node.required("kind"), AlertRule.Kind.class);
    Severity severity = enumOf(node.required("severity"), Severity.class);
    String metric = null;
    String siteKind = null;
    if (kind != AlertRule.Kind.MISSING) {
      ConfigNode metricNode = node.required("metric");
      MetricDef def = catalogue.metric(metricNode.text()).orElseThrow(() -> metricNode.error("unknown metric"));
      metric = def.key();
      siteKind = def.siteKind();
      if ((kind == AlertRule.Kind.SPIKE || kind == AlertRule.Kind.ANY) && !def.isCounter()) {
        throw metricNode.error("a " + kind.name().toLowerCase() + " rule needs a counter");
      }
    } else {
      ConfigNode kindNode = node.required("siteKind");
      siteKind = catalogue.siteKind(kindNode.text()).map(SiteKind::key).orElseThrow(() -> kindNode.error("unknown site kind"));
    }
    AlertRule.Scope scope = node.has("scope") ? enumOf(node.field("scope"), AlertRule.Scope.class) : AlertRule.Scope.SITE;
    String level = null;
    if (node.has("level")) {
      ConfigNode levelNode = node.field("level");
      if (kind != AlertRule.Kind.THRESHOLD || scope != AlertRule.Scope.AREA) {
        throw levelNode.error("only a threshold rule with scope area watches the areas of a level");
      }
      level = catalogue.level(levelNode.text()).map(Level::key)
          .orElseThrow(() -> levelNode.error("unknown level '" + levelNode.text() + "'"));
      if (!node.has("window")) {
        throw levelNode.error("a rule on the areas of a level sums its sites over a window; give one");
      }
    }
    Duration window = null;
    if (node.has("window")) {
      ConfigNode windowNode = node.field("window");
      try {
        window = Duration.parse(windowNode.text());
      } catch (DateTimeException e) {
        throw windowNode.error("must be an ISO-8601 duration such as PT1H");
      }
      if (window.isZero() || window.isNegative() || window.compareTo(Duration.ofHours(1)) > 0) {
        throw windowNode.error("must be more than 0 and at most PT1H (the live state keeps the last hour)");
      }
    }
    boolean above = true;
    double bound = 0;
    if (kind == AlertRule.Kind.THRESHOLD) {
      boolean hasAbove = node.has("above");
      boolean hasBelow = node.has("below");
      if (hasAbove == hasBelow) {
        throw node.error("a threshold rule needs exactly one of above or below");
      }
      above = hasAbove;
      bound = bound(node.required(hasAbove ? "above" : "below"), catalogue.metric(metric).orElseThrow());
      if (window != null && !catalogue.metric(metric).orElseThrow().isCounter()) {
        throw node.field("window").error("only counters are summed over a window; a gauge compares each reading");
      }
    }
    LocalTime deadline = null;
    if (kind == AlertRule.Kind.MISSING) {
      ConfigNode deadlineNode = node.required("deadline");
      try {
        deadline = LocalTime.parse(deadlineNode.text());
      } catch (DateTimeException e) {
        throw deadlineNode.error("must be a local time such as 18:00");
      }
    }
    double factor = kind == AlertRule.Kind.SPIKE ? within(node.required("factor"), 1, MAX_FACTOR) : 0;
    double minCount = kind == AlertRule.Kind.SPIKE ? node.required("minCount").wholeNumber(0, MAX_COUNTER_BOUND) : 0;
    return new AlertRule(node.text("id"), kind, severity, node.required("title").label(), metric, siteKind, scope,
        level, window, above, bound, deadline, factor, minCount);
  }

  /**
   * A gauge's bound lies within the gauge's own range (a score under 160 is a mistake); a counter's is
   * a sum over a window, so only its floor is the metric's, and it stays a count a person can mean.
   */
  private static double bound(ConfigNode node, MetricDef metric) {
    double max = metric.isCounter() ? MAX_COUNTER_BOUND : metric.max();
    return within(node, metric.min(), max);
  }

  private static double within(ConfigNode node, double min, double max) {
    double value = node.number();
    if (value < min || value > max) {
      throw node.error("must be from " + fmt(min) + " to " + fmt(max));
    }
    return value;
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private static <E extends Enum<E>> E enumOf(ConfigNode node, Class<E> type) {
    try {
      return Enum.valueOf(type, node.text().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw node.error("must be one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
    }
  }
}
