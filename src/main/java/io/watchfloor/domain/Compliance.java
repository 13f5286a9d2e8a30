package io.watchfloor.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
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

  /**
   * One child area of the scope: its sites with a daily deadline, how many reported, how many on time
   * (before the deadline), late, missing; {@code rate} is on time over expected; {@code worst} names the
   * areas below it (villages) with the most sites not on time, worst first, at most {@link #WORST}.
   */
  public record AreaSummary(String area, int expected, int reported, int onTime, int late, int missing, double rate,
                            List<String> worst) {
  }

  public static final int WORST = 3;

  public record View(LocalDate day, List<SiteCompliance> sites, Map<String, KindSummary> kinds,
                     Map<String, AreaSummary> areas) {
  }

  /** The instant a kind's daily report is due on {@code day}, or null if the kind has no deadline. */
  public static Instant deadline(Catalogue catalogue, SiteKind kind, LocalDate day) {
    return kind.dailyDeadline() == null ? null
        : ZonedDateTime.of(day, kind.dailyDeadline(), catalogue.jurisdiction().timezone()).toInstant();
  }

  /** The compliance of the sites in {@code scope}'s subtree, with a summary per child area of the scope. */
  public static View of(Catalogue catalogue, String scope, LocalDate day, Map<String, SiteDayStats> stats,
                        Instant now) {
    // one pass over the subtree's sites, each into its kind's list; the lists then follow the kinds' order
    Map<String, KindTally> tallies = new LinkedHashMap<>();
    for (SiteKind kind : catalogue.siteKinds()) {
      Instant deadline = deadline(catalogue, kind, day);
      if (deadline != null) {
        tallies.put(kind.key(), new KindTally(kind.key(), deadline, !now.isBefore(deadline)));
      }
    }
    for (Site site : catalogue.subtreeSites(scope)) {
      KindTally tally = tallies.get(site.kind());
      if (tally != null) {
        tally.add(site, stats.get(site.id()));
      }
    }
    List<SiteCompliance> sites = new ArrayList<>();
    Map<String, KindSummary> kinds = new LinkedHashMap<>();
    for (KindTally tally : tallies.values()) {
      sites.addAll(tally.sites);
      kinds.put(tally.kind, new KindSummary(tally.kind, tally.deadline, tally.passed, tally.sites.size(), tally.reported,
          tally.missing));
    }
    return new View(day, sites, kinds, byChild(catalogue, scope, sites));
  }

  private static final class KindTally {
    final String kind;
    final Instant deadline;
    final boolean passed;
    final List<SiteCompliance> sites = new ArrayList<>();
    int reported;
    int missing;

    KindTally(String kind, Instant deadline, boolean passed) {
      this.kind = kind;
      this.deadline = deadline;
      this.passed = passed;
    }

    void add(Site site, SiteDayStats s) {
      boolean did = s != null && s.reports() > 0;
      boolean late = did && s.first().isAfter(deadline);
      boolean absent = !did && passed;
      sites.add(new SiteCompliance(site.id(), kind, site.area(), did, s == null ? null : s.first(),
          s == null ? null : s.last(), s == null ? 0 : s.reports(), late, absent));
      reported += did ? 1 : 0;
      missing += absent ? 1 : 0;
    }
  }

  /** Each site counts for the child of the scope above it, found once; sites hung on the scope itself count for none. */
  private static Map<String, AreaSummary> byChild(Catalogue catalogue, String scope, List<SiteCompliance> sites) {
    Map<String, List<SiteCompliance>> sitesByChild = new HashMap<>();
    for (SiteCompliance s : sites) {
      catalogue.childToward(scope, s.area())
          .ifPresent(child -> sitesByChild.computeIfAbsent(child.id(), id -> new ArrayList<>()).add(s));
    }
    Map<String, AreaSummary> areas = new LinkedHashMap<>();
    for (Area child : catalogue.children(scope)) {
      areas.put(child.id(), summary(child.id(), sitesByChild.getOrDefault(child.id(), List.of())));
    }
    return areas;
  }

  private static AreaSummary summary(String child, List<SiteCompliance> sites) {
    int reported = 0;
    int onTime = 0;
    int late = 0;
    int missing = 0;
    Map<String, Integer> notOnTimeByArea = new HashMap<>();
    for (SiteCompliance s : sites) {
      reported += s.reported() ? 1 : 0;
      late += s.late() ? 1 : 0;
      missing += s.missing() ? 1 : 0;
      boolean good = s.reported() && !s.late();
      onTime += good ? 1 : 0;
      if (!good) {
        notOnTimeByArea.merge(s.area(), 1, Integer::sum);
      }
    }
    List<String> worst = notOnTimeByArea.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(WORST).map(Map.Entry::getKey).toList();
    int expected = sites.size();
    double rate = expected == 0 ? 1.0 : Math.round(1000.0 * onTime / expected) / 1000.0;
    return new AreaSummary(child, expected, reported, onTime, late, missing, rate, worst);
  }

  /**
   * The on-time board (按时报送率 红黑榜): the child areas by their rate, placed by {@link Standings}, nobody below
   * {@code redFloor} (a rate, 0.8 for 80 %) praised. An area with no site due today has nothing to be judged on and
   * is left off, not ranked at its nominal 100 %.
   */
  public static Standings.View board(View view, int redSize, int blackSize, double redFloor) {
    List<Standings.Entry> entries = view.areas().values().stream().filter(a -> a.expected() > 0)
        .map(a -> new Standings.Entry(a.area(), a.rate())).toList();
    return Standings.of(entries, redSize, blackSize, redFloor);
  }

}
