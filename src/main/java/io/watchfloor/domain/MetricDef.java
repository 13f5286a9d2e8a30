package io.watchfloor.domain;

public record MetricDef(String key, MetricKind kind, String siteKind, String unit, double min, double max,
                        boolean integer, Rollup rollup, Label label) {

  public boolean isCounter() {
    return kind == MetricKind.COUNTER;
  }
}
