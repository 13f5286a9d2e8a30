package io.watchfloor.domain;

/**
 * @param decimals the most digits a value may have after the point: 0 for whole numbers. Bounding it
 *                 keeps a value such as 1e-99999999 from being stored or expanded into a huge string.
 */
public record MetricDef(String key, MetricKind kind, String siteKind, String unit, double min, double max,
                        boolean integer, int decimals, Rollup rollup, Label label) {
  /** Enough for a score or a rate; a catalogue may ask for more per metric with {@code decimals}. */
  public static final int DEFAULT_DECIMALS = 3;
  public static final int MAX_DECIMALS = 9;

  public boolean isCounter() {
    return kind == MetricKind.COUNTER;
  }
}
