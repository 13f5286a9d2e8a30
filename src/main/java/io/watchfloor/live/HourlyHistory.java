package io.watchfloor.live;

import java.time.Instant;

/** Eight days of hourly counter sums per site, for the spike rule's "same hour over the last 7 days". */
public final class HourlyHistory {
  private static final int DAYS = 8;
  private final TimeRing hours = new TimeRing(3600, DAYS * 24);

  public void add(String site, String metric, Instant observed, double value) {
    hours.add(site, metric, observed, value);
  }

  /** Mean of the sums in the same hour on each of the previous {@code days} days (missing hours count as 0). */
  public double sameHourAverage(String site, String metric, Instant now, int days) {
    if (days <= 0) {
      return 0;
    }
    long current = hours.slotOf(now);
    return hours.sum(site, metric, current - 24, Math.min(days, DAYS - 1), -24) / days;
  }
}
