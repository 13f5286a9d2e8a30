package io.watchfloor.live;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Counter sums per site and metric in fixed time slots (a minute, an hour), kept in a ring that
 * reuses its slots as time passes: memory stays flat however long the server runs and however
 * fast reports arrive. An observation older than what its slot now holds has left the ring.
 * Keyed site first, then metric, so neither adding nor summing builds a key: rules sum a window for
 * every site of a town on every report.
 */
final class TimeRing {
  private static final class Slots {
    final long[] slot;
    final double[] sum;

    Slots(int size) {
      slot = new long[size];
      sum = new double[size];
    }
  }

  private final long slotSeconds;
  private final int size;
  private final Map<String, Map<String, Slots>> slots = new HashMap<>();

  TimeRing(long slotSeconds, int size) {
    this.slotSeconds = slotSeconds;
    this.size = size;
  }

  long slotOf(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), slotSeconds);
  }

  void add(String site, String metric, Instant observed, double value) {
    long slot = slotOf(observed);
    Slots s = slots.computeIfAbsent(site, k -> new HashMap<>()).computeIfAbsent(metric, k -> new Slots(size));
    int i = (int) Math.floorMod(slot, (long) size);
    if (s.slot[i] < slot) {
      s.slot[i] = slot;
      s.sum[i] = value;
    } else if (s.slot[i] == slot) {
      s.sum[i] += value;
    }
  }

  /** The sum held for exactly this slot, or 0 if the ring no longer (or never) held it. */
  double at(String site, String metric, long slot) {
    return sum(site, metric, slot, 1, 1);
  }

  /**
   * The sum of {@code count} slots from {@code first}, {@code step} apart (negative goes back in time),
   * added in that order; a slot the ring no longer (or never) held counts 0.
   */
  double sum(String site, String metric, long first, int count, long step) {
    Map<String, Slots> bySite = slots.get(site);
    Slots s = bySite == null ? null : bySite.get(metric);
    if (s == null) {
      return 0;
    }
    double total = 0;
    long slot = first;
    for (int n = 0; n < count; n++, slot += step) {
      int i = (int) Math.floorMod(slot, (long) size);
      total += s.slot[i] == slot ? s.sum[i] : 0;
    }
    return total;
  }
}
