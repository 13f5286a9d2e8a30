package io.watchfloor.domain;

import java.time.Duration;
import java.time.LocalTime;

/**
 * One configured alert rule (docs/api.md#alerts). Which fields matter depends on the kind:
 * ANY uses {@code metric}; THRESHOLD uses metric, scope, window (counters) and above/bound, and with an
 * area scope optionally {@code level}: the reporting site's ancestor at that level is watched, its whole
 * subtree summed (null: the site's own area, its own sites);
 * MISSING uses siteKind and deadline; SPIKE uses metric, factor and minCount.
 */
public record AlertRule(String id, Kind kind, Severity severity, Label title, String metric, String siteKind,
                        Scope scope, String level, Duration window, boolean above, double bound, LocalTime deadline,
                        double factor, double minCount) {

  public enum Kind { ANY, THRESHOLD, MISSING, SPIKE }

  public enum Scope { SITE, AREA }

  public String kindKey() {
    return kind.name().toLowerCase();
  }
}
