package io.watchfloor.flag;

import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Flag;
import io.watchfloor.domain.Outliers;
import io.watchfloor.domain.PlausibilityCheck;
import io.watchfloor.domain.Report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides which readings of a committed report are flagged. Keeps, per site and metric, a ring of the
 * newest readings of the last 28 days (at most {@link #RING} each, catalogue sites only), and per site
 * and local day the running totals the plausibility checks read. A report already in a ring or a total
 * (a resend, or one the start-up load already read) is not counted again. Plain Java: one verticle owns it.
 */
final class FlagChecker {
  static final int RING = 200;
  static final Duration WINDOW = Duration.ofDays(28);
  /** Site-days of running totals kept: today's and the late window's, for every site, with room to spare. */
  private static final int MAX_DAY_TOTALS_PER_SITE = 4;
  /** Ids counted into one site-day; a site reporting more than this a day may count a resend twice. */
  private static final int MAX_IDS_PER_DAY = 5000;

  private record SiteDay(String site, LocalDate day) {
  }

  private static final class Totals {
    final Map<String, Double> sums = new HashMap<>();
    final Set<UUID> counted = new HashSet<>();
  }

  private final Catalogue catalogue;
  private final double k;
  private final Map<String, ReadingRing> rings = new HashMap<>();
  private final LinkedHashMap<SiteDay, Totals> days;

  FlagChecker(Catalogue catalogue, double k) {
    this.catalogue = catalogue;
    this.k = k;
    int maxDays = Math.max(16, catalogue.sites().size() * MAX_DAY_TOTALS_PER_SITE);
    this.days = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<SiteDay, Totals> eldest) {
        return size() > maxDays;
      }
    };
  }

  /** A past reading from the store, read at start. */
  void seed(UUID reportId, String site, String metric, Instant at, double value) {
    if (catalogue.site(site).isPresent() && catalogue.metric(metric).isPresent()) {
      ring(site, metric).add(new ReadingRing.Reading(reportId, at, value));
    }
  }

  /**
   * A site's day total of a metric, as the store sums it at start: into the day's totals only. No ids are
   * needed: the store counts each report once ({@code reports.counted} never brings a stored one again).
   */
  void seedDayTotal(String site, LocalDate day, String metric, double total) {
    if (catalogue.site(site).isPresent()) {
      totals(new SiteDay(site, day)).sums.merge(metric, total, Double::sum);
    }
  }

  /** The flags this report earns, computed before its own readings join the history. */
  List<Flag> check(Report report, Instant now) {
    List<Flag> flags = new ArrayList<>();
    if (catalogue.site(report.site()).isEmpty()) {
      return flags;
    }
    Instant since = now.minus(WINDOW);
    report.metrics().forEach((metric, value) -> {
      if (catalogue.metric(metric).isEmpty()) {
        return;
      }
      ReadingRing ring = ring(report.site(), metric);
      ring.dropBefore(since);
      if (ring.holds(report.id())) {
        return;
      }
      Outliers.check(ring.values(), value, k).ifPresent(detail -> flags.add(flag(report, metric, value, Flag.OUTLIER, detail, now)));
      ring.add(new ReadingRing.Reading(report.id(), report.observedAt().toInstant(), value));
    });
    Totals totals = totals(report);
    Map<String, Double> before = new HashMap<>(totals.sums);
    if (count(report)) {
      for (PlausibilityCheck c : catalogue.checks()) {
        if (!broken(before, c) && broken(totals.sums, c)) {
          double value = report.metrics().getOrDefault(c.metric(), totals.sums.get(c.metric()));
          String detail = "day total " + c.metric() + " " + fmt(totals.sums.get(c.metric())) + " > " + c.atMost() + " "
              + fmt(totals.sums.getOrDefault(c.atMost(), 0.0));
          flags.add(flag(report, c.metric(), value, Flag.IMPLAUSIBLE, detail, now));
        }
      }
    }
    return flags;
  }

  private static boolean broken(Map<String, Double> sums, PlausibilityCheck c) {
    Double value = sums.get(c.metric());
    return value != null && value > sums.getOrDefault(c.atMost(), 0.0);
  }

  private Totals totals(Report report) {
    return totals(new SiteDay(report.site(), report.localDay()));
  }

  private Totals totals(SiteDay siteDay) {
    return days.computeIfAbsent(siteDay, d -> new Totals());
  }

  /** Adds the report to its site-day's totals; false if they already hold it. */
  private boolean count(Report report) {
    Totals totals = totals(report);
    if (totals.counted.contains(report.id())) {
      return false;
    }
    if (totals.counted.size() < MAX_IDS_PER_DAY) {
      totals.counted.add(report.id());
    }
    report.metrics().forEach((metric, value) -> totals.sums.merge(metric, value, Double::sum));
    return true;
  }

  private ReadingRing ring(String site, String metric) {
    return rings.computeIfAbsent(site + '\u0000' + metric, key -> new ReadingRing(RING));
  }

  private static Flag flag(Report report, String metric, double value, String reason, String detail, Instant now) {
    return new Flag(report.id(), metric, report.site(), report.localDay(), value, reason, detail, now, null);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
