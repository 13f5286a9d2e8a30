package io.watchfloor.live;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Counter sums per site and metric in fixed time slots (a minute, an hour), kept in a ring that
 * reuses its slots as time passes: memory stays flat however long the server runs and however
 * fast reports arrive. An observation older than what its slot now holds has left the ring.
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
  private final Map<String, Slots> slots = new HashMap<>();

  TimeRing(long slotSeconds, int size) {
    this.slotSeconds = slotSeconds;
    this.size = size;
  }

  long slotOf(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), slotSeconds);
  }

  void add(String site, String metric, Instant observed, double value) {
    long slot = slotOf(observed);
    Slots s = slots.computeIfAbsent(site + '\u0000' + metric, k -> new Slots(size));
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
    Slots s = slots.get(site + '\u0000' + metric);
    if (s == null) {
      return 0;
    }
    int i = (int) Math.floorMod(slot, (long) size);
    return s.slot[i] == slot ? s.sum[i] : 0;
  }
}
