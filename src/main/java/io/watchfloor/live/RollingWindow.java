package io.watchfloor.live;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The last 60 minutes of each site's counters, by minute of observation, for rules such as
 * "persons turned back at one checkpoint over 50 in 1 h". Sixty slots per site and metric, reused
 * as time passes, so memory does not grow with the report rate.
 */
public final class RollingWindow {
  private static final int MINUTES = 60;

  private static final class Slots {
    final long[] minute = new long[MINUTES];
    final double[] sum = new double[MINUTES];
  }

  private final Map<String, Slots> slots = new HashMap<>();

  public void add(String site, String metric, Instant observed, double value) {
    long minute = observed.getEpochSecond() / 60;
    Slots s = slots.computeIfAbsent(site + '\u0000' + metric, k -> new Slots());
    int i = (int) Math.floorMod(minute, (long) MINUTES);
    if (s.minute[i] < minute) {
      s.minute[i] = minute;
      s.sum[i] = value;
    } else if (s.minute[i] == minute) {
      s.sum[i] += value;
    }
    // an observation older than what its slot now holds is more than an hour behind: out of the window
  }

  /** The sum observed in the {@code minutes} (at most 60) up to and including {@code now}'s minute. */
  public double sum(String site, String metric, Instant now, int minutes) {
    Slots s = slots.get(site + '\u0000' + metric);
    if (s == null) {
      return 0;
    }
    long current = now.getEpochSecond() / 60;
    double total = 0;
    for (int i = 0; i < MINUTES; i++) {
      if (s.minute[i] > current - Math.min(minutes, MINUTES) && s.minute[i] <= current) {
        total += s.sum[i];
      }
    }
    return total;
  }
}
