package io.watchfloor.domain;

/** Counters carry the increment for a report's interval; gauges carry the latest reading. */
public enum MetricKind {
  COUNTER, GAUGE;

  public String key() {
    return name().toLowerCase();
  }
}
