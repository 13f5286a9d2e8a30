package io.watchfloor.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The outlier test of the daily review: a reading is flagged when it lies further from the site's own
 * median than k scaled median absolute deviations. Median and MAD, not mean and deviation, because one
 * wrong reading in the history must not widen the band enough to hide the next.
 */
public final class Outliers {
  /** Scales the MAD to the standard deviation of normally distributed readings. */
  public static final double MAD_SCALE = 1.4826;
  /** Below this many past readings nothing is flagged: a new site has no "usual" yet. */
  public static final int MIN_HISTORY = 10;
  public static final double DEFAULT_K = 5;

  private Outliers() {
  }

  public static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  /** The median absolute deviation from the median, unscaled. */
  public static double mad(double[] values) {
    double median = median(values);
    double[] deviations = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      deviations[i] = Math.abs(values[i] - median);
    }
    return median(deviations);
  }

  /**
   * Why {@code value} is an outlier against {@code history}, or empty when it is not. When the history
   * never varies (MAD 0) any difference would be infinitely many deviations, so a plain margin of 10 %
   * of the median plus 5 decides instead: a desk that always reports 0 is not flagged for reporting 2.
   */
  public static Optional<String> check(double[] history, double value, double k) {
    return history.length < MIN_HISTORY ? Optional.empty() : check(SortedValues.of(history), value, k);
  }

  /** As {@link #check(double[], double, double)}, on a history kept sorted as it changes. */
  public static Optional<String> check(SortedValues history, double value, double k) {
    if (history.size() < MIN_HISTORY) {
      return Optional.empty();
    }
    double median = history.median();
    double distance = Math.abs(value - median);
    double mad = history.mad() * MAD_SCALE;
    if (mad == 0) {
      double margin = 0.1 * Math.abs(median) + 5;
      return distance > margin
          ? Optional.of(String.format(Locale.ROOT, "%s against a constant %s over %d readings", fmt(value), fmt(median), history.size()))
          : Optional.empty();
    }
    return distance > k * mad
        ? Optional.of(String.format(Locale.ROOT, "%s is %.1f MADs from the median %s of %d readings", fmt(value), distance / mad,
            fmt(median), history.size()))
        : Optional.empty();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }
}
