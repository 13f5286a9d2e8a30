package io.watchfloor.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the configured rules: each committed report against the any, threshold and spike rules,
 * and the clock against the missing-report deadlines. It only says what fired; the alert lifecycle
 * (dedupe while open, escalation, audit) is the alert verticle's.
 */
public final class RuleEngine {
  private static final int SPIKE_DAYS = 7;

  private final Catalogue catalogue;
  private List<AlertRule> rules;
  private final Set<String> missingFired = new HashSet<>();
  /** The sites hung on each area itself, for rules on areas without a level; bounded by the tree. */
  private final Map<String, List<Site>> sitesOn = new HashMap<>();
  private LocalDate missingDay;

  public RuleEngine(Catalogue catalogue, List<AlertRule> rules) {
    this.catalogue = catalogue;
    this.rules = List.copyOf(rules);
  }

  public List<AlertRule> rules() {
    return rules;
  }

  /**
   * Evaluates the next report with these rules (an admin changed them). Nothing else needs resetting:
   * the live picture keeps every counter's last hour whatever the rules watch, and a window is at most
   * an hour, so a widened window sums what was already seen; what the missing rules fired today is
   * kept, so disabling and enabling one again does not raise its 漏报 a second time.
   */
  public void replace(List<AlertRule> next) {
    this.rules = List.copyOf(next);
  }

  public List<Firing> onReport(Report report, LiveView view, Instant now) {
    List<Firing> firings = new ArrayList<>();
    Site site = catalogue.site(report.site()).orElseThrow();
    for (AlertRule rule : rules) {
      Double value = rule.metric() == null ? null : report.metrics().get(rule.metric());
      if (value == null) {
        continue;
      }
      switch (rule.kind()) {
        case ANY -> {
          if (value > 0) {
            firings.add(siteFiring(rule, site, rule.metric() + " = " + fmt(value)));
          }
        }
        case THRESHOLD -> threshold(rule, site, value, view, now, firings);
        case SPIKE -> spike(rule, site, view, now, firings);
        case MISSING -> { }
      }
    }
    firings.replaceAll(f -> f.because(report.id().toString()));
    return firings;
  }

  private void threshold(AlertRule rule, Site site, double reading, LiveView view, Instant now, List<Firing> firings) {
    String area = rule.scope() == AlertRule.Scope.AREA ? watchedArea(rule, site) : null;
    if (rule.scope() == AlertRule.Scope.AREA && area == null) {
      return; // the site hangs above the rule's level (a checkpoint on a town, a village rule): nothing to watch
    }
    double value = reading;
    String over = "";
    if (rule.window() != null) {
      int minutes = (int) rule.window().toMinutes();
      value = area == null ? view.recent(site.id(), rule.metric(), now, minutes)
          : sitesOf(rule, area).stream().mapToDouble(s -> view.recent(s.id(), rule.metric(), now, minutes)).sum();
      over = " in the last " + minutes + " min";
    }
    if (rule.above() ? value > rule.bound() : value < rule.bound()) {
      String detail = rule.metric() + " = " + fmt(value) + over + (rule.above() ? " > " : " < ") + fmt(rule.bound());
      firings.add(area != null ? new Firing(rule, "area", area, area, detail) : siteFiring(rule, site, detail));
    }
  }

  /** The area a rule on areas watches for a report of this site: its own, or its ancestor at the rule's level. */
  private String watchedArea(AlertRule rule, Site site) {
    if (rule.level() == null) {
      return site.area();
    }
    for (String id : catalogue.path(site.area())) {
      if (catalogue.area(id).map(a -> a.level().equals(rule.level())).orElse(false)) {
        return id;
      }
    }
    return null;
  }

  /** Without a level, the sites hung on the area itself (as before the tree); with one, its whole subtree. */
  private List<Site> sitesOf(AlertRule rule, String area) {
    return rule.level() == null
        ? sitesOn.computeIfAbsent(area, a -> catalogue.sites().stream().filter(s -> s.area().equals(a)).toList())
        : catalogue.subtreeSites(area);
  }

  private static void spike(AlertRule rule, Site site, LiveView view, Instant now, List<Firing> firings) {
    double lastHour = view.recent(site.id(), rule.metric(), now, 60);
    // the clock hour that overlaps the last 60 minutes most is the one half an hour ago
    double usual = view.sameHourAverage(site.id(), rule.metric(), now.minusSeconds(1800), SPIKE_DAYS);
    // without a week behind it (a new site, a fresh install) there is no usual to be far above
    if (usual > 0 && lastHour >= rule.minCount() && lastHour >= rule.factor() * usual) {
      firings.add(siteFiring(rule, site, rule.metric() + " = " + fmt(lastHour) + " in the last hour, usually "
          + fmt(Math.round(usual * 10) / 10.0) + " (" + SPIKE_DAYS + "-day average of this hour)"));
    }
  }

  /**
   * Tells the engine a missing-report alert was already raised for this rule and site on this day:
   * the memory of what fired is lost with a restart, and a resolved 漏报 must not come back.
   */
  public void missingFiredAlready(LocalDate day, String ruleId, String siteId) {
    if (!day.equals(missingDay)) {
      missingDay = day;
      missingFired.clear();
    }
    missingFired.add(ruleId + '\u0000' + siteId);
  }

  /** Once a kind's deadline has passed, each of its sites that has not reported today fires, once a day. */
  public List<Firing> onClock(LocalDate day, Map<String, SiteDayStats> today, Instant now) {
    if (!day.equals(missingDay)) {
      missingDay = day;
      missingFired.clear();
    }
    List<Firing> firings = new ArrayList<>();
    for (AlertRule rule : rules) {
      if (rule.kind() != AlertRule.Kind.MISSING
          || now.isBefore(ZonedDateTime.of(day, rule.deadline(), catalogue.jurisdiction().timezone()).toInstant())) {
        continue;
      }
      for (Site site : catalogue.sites()) {
        SiteDayStats stats = today.get(site.id());
        if (site.kind().equals(rule.siteKind()) && (stats == null || stats.reports() == 0)
            && missingFired.add(rule.id() + '\u0000' + site.id())) {
          firings.add(siteFiring(rule, site, "no report by " + rule.deadline() + " on " + day).because("missing " + day));
        }
      }
    }
    return firings;
  }

  private static Firing siteFiring(AlertRule rule, Site site, String detail) {
    return new Firing(rule, "site", site.id(), site.area(), detail);
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }
}
