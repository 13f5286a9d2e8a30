package io.watchfloor.domain;

import java.time.Instant;

/** How a site reported on one local day: how many reports, the first and the last observation. */
public record SiteDayStats(String site, long reports, Instant first, Instant last) {
  public SiteDayStats plus(Instant observed) {
    return new SiteDayStats(site, reports + 1,
        first == null || observed.isBefore(first) ? observed : first,
        last == null || observed.isAfter(last) ? observed : last);
  }
}
