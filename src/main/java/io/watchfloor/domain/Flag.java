package io.watchfloor.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A reading set aside for the daily review: {@code reason} is "outlier" (far from the site's own last
 * 28 days) or "implausible" (the report made a day total break a check). {@code cleared} is null until
 * an officer clears it, and then says who, when and why.
 */
public record Flag(UUID reportId, String metric, String site, LocalDate day, double value, String reason, String detail,
                   Instant flaggedAt, Cleared cleared) {
  public static final String OUTLIER = "outlier";
  public static final String IMPLAUSIBLE = "implausible";

  public record Cleared(String by, Instant at, String note) {
  }

  public Flag clearedBy(String by, Instant at, String note) {
    return new Flag(reportId, metric, site, day, value, reason, detail, flaggedAt, new Cleared(by, at, note));
  }
}
