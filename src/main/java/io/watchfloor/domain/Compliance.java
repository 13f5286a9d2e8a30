package io.watchfloor.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Daily reporting compliance (一日一报告): for one local day, which sites of each kind with a daily
 * deadline have reported, which reported late, and which are missing once the deadline has passed.
 */
public final class Compliance {
  private Compliance() {
  }

  public record SiteCompliance(String site, String kind, String area, boolean reported, Instant firstReportAt,
                               Instant lastReportAt, long reports, boolean late, boolean missing) {
  }

  public record KindSummary(String kind, Instant deadline, boolean deadlinePassed, int expected, int reported, int missing) {
  }

  public record View(LocalDate day, List<SiteCompliance> sites, Map<String, KindSummary> kinds) {
  }

  /** The instant a kind's daily report is due on {@code day}, or null if the kind has no deadline. */
  public static Instant deadline(Catalogue catalogue, SiteKind kind, LocalDate day) {
    return kind.dailyDeadline() == null ? null
        : ZonedDateTime.of(day, kind.dailyDeadline(), catalogue.jurisdiction().timezone()).toInstant();
  }

  public static View of(Catalogue catalogue, LocalDate day, Map<String, SiteDayStats> stats, Instant now) {
    List<SiteCompliance> sites = new ArrayList<>();
    Map<String, KindSummary> kinds = new LinkedHashMap<>();
    for (SiteKind kind : catalogue.siteKinds()) {
      Instant deadline = deadline(catalogue, kind, day);
      if (deadline == null) {
        continue;
      }
      boolean passed = !now.isBefore(deadline);
      int expected = 0;
      int reported = 0;
      int missing = 0;
      for (Site site : catalogue.sites()) {
        if (!site.kind().equals(kind.key())) {
          continue;
        }
        SiteDayStats s = stats.getOrDefault(site.id(), new SiteDayStats(site.id(), 0, null, null));
        boolean did = s.reports() > 0;
        boolean late = did && s.first().isAfter(deadline);
        boolean absent = !did && passed;
        sites.add(new SiteCompliance(site.id(), kind.key(), site.area(), did, s.first(), s.last(), s.reports(), late, absent));
        expected++;
        reported += did ? 1 : 0;
        missing += absent ? 1 : 0;
      }
      kinds.put(kind.key(), new KindSummary(kind.key(), deadline, passed, expected, reported, missing));
    }
    return new View(day, sites, kinds);
  }
}
