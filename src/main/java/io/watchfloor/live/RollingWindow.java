package io.watchfloor.live;

import java.time.Instant;

/**
 * The last 60 minutes of each site's counters, by minute of observation, for rules such as
 * "persons turned back at one checkpoint over 50 in 1 h".
 */
public final class RollingWindow {
  private static final int MINUTES = 60;
  private final TimeRing minutes = new TimeRing(60, MINUTES);

  public void add(String site, String metric, Instant observed, double value) {
    minutes.add(site, metric, observed, value);
  }

  /** The sum observed in the {@code count} minutes (at most 60) up to and including {@code now}'s minute. */
  public double sum(String site, String metric, Instant now, int count) {
    long current = minutes.slotOf(now);
    int n = Math.min(count, MINUTES);
    return n <= 0 ? 0 : minutes.sum(site, metric, current - n + 1, n, 1);
  }
}
