package io.watchfloor.domain;

import java.util.Arrays;

/**
 * A multiset of readings kept in order as they come and go, so the outlier test's median and MAD cost
 * a lookup and one merge instead of two sorts on every report. Gives exactly what sorting the same
 * values would: the order is {@link Double#compare}'s, as {@link Arrays#sort(double[])}'s is.
 */
public final class SortedValues {
  private double[] values;
  private int size;

  public SortedValues(int capacity) {
    values = new double[Math.max(1, capacity)];
  }

  public static SortedValues of(double[] values) {
    SortedValues sorted = new SortedValues(values.length);
    System.arraycopy(values, 0, sorted.values, 0, values.length);
    Arrays.sort(sorted.values, 0, values.length);
    sorted.size = values.length;
    return sorted;
  }

  public int size() {
    return size;
  }

  public void add(double value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    int at = Arrays.binarySearch(values, 0, size, value);
    int i = at >= 0 ? at : -at - 1;
    System.arraycopy(values, i, values, i + 1, size - i);
    values[i] = value;
    size++;
  }

  /** Takes one reading of this value out; false if there is none. */
  public boolean remove(double value) {
    int i = Arrays.binarySearch(values, 0, size, value);
    if (i < 0) {
      return false;
    }
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    return true;
  }

  public double median() {
    if (size == 0) {
      throw new IllegalArgumentException("no values");
    }
    int mid = size / 2;
    return size % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  /**
   * The median absolute deviation from the median, unscaled. The deviations below the median grow
   * going down the sorted values and those above it going up, so merging the two walks outward gives
   * them in order without sorting them.
   */
  public double mad() {
    double median = median();
    int up = 0;
    while (up < size && values[up] < median) {
      up++;
    }
    int down = up - 1;
    int mid = size / 2;
    double previous = 0;
    for (int taken = 0; ; taken++) {
      double next;
      if (down < 0 || (up < size && values[up] - median <= median - values[down])) {
        next = Math.abs(values[up++] - median);
      } else {
        next = Math.abs(values[down--] - median);
      }
      if (taken == mid) {
        return size % 2 == 1 ? next : (previous + next) / 2;
      }
      previous = next;
    }
  }
}
