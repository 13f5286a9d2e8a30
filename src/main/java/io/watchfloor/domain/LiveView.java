package io.watchfloor.domain;

import java.time.Instant;

/** What the rules may ask of the live picture. */
public interface LiveView {
  /** A site's sum of a counter over the last {@code minutes} (at most 60) up to now, by observation time. */
  double recent(String site, String metric, Instant now, int minutes);

  /** The mean, over the previous {@code days} days, of a site's counter in the same clock hour as {@code now}. */
  double sameHourAverage(String site, String metric, Instant now, int days);
}
