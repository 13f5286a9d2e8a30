package io.watchfloor.live;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Eight days of hourly counter sums per site, for the spike rule's "same hour over the last 7 days".
 * A fixed ring of hours per site and metric: memory stays flat however long the server runs.
 */
public final class HourlyHistory {
  private static final int HOURS = 8 * 24;

  private static final class Ring {
    final long[] hour = new long[HOURS];
    final double[] sum = new double[HOURS];
  }

  private final Map<String, Ring> rings = new HashMap<>();

  public void add(String site, String metric, Instant observed, double value) {
    long hour = observed.getEpochSecond() / 3600;
    Ring ring = rings.computeIfAbsent(site + '\u0000' + metric, k -> new Ring());
    int i = (int) Math.floorMod(hour, (long) HOURS);
    if (ring.hour[i] < hour) {
      ring.hour[i] = hour;
      ring.sum[i] = value;
    } else if (ring.hour[i] == hour) {
      ring.sum[i] += value;
    }
  }

  /** Mean of the sums in the same hour on each of the previous {@code days} days (missing hours count as 0). */
  public double sameHourAverage(String site, String metric, Instant now, int days) {
    Ring ring = rings.get(site + '\u0000' + metric);
    if (ring == null || days <= 0) {
      return 0;
    }
    long current = now.getEpochSecond() / 3600;
    double total = 0;
    for (int d = 1; d <= Math.min(days, HOURS / 24 - 1); d++) {
      long hour = current - 24L * d;
      int i = (int) Math.floorMod(hour, (long) HOURS);
      if (ring.hour[i] == hour) {
        total += ring.sum[i];
      }
    }
    return total / days;
  }
}
