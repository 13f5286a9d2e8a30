package io.watchfloor.live;

import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.DayPicture;
import io.watchfloor.domain.LiveView;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Site;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

/**
 * The server's live picture: today and yesterday, this month's ranking sums and the last hour per
 * site. Plain Java on one thread; the live verticle owns it and feeds it committed reports.
 */
public final class LiveState implements LiveView {
  private final Catalogue catalogue;
  private final String rankingMetric;
  private final RollingWindow window = new RollingWindow();
  private final HourlyHistory history = new HourlyHistory();
  private DayPicture today;
  private DayPicture yesterday;
  private YearMonth month;
  private Map<String, Ranking.Sum> monthSums = new HashMap<>();

  public LiveState(Catalogue catalogue, LocalDate day, String rankingMetric) {
    this.catalogue = catalogue;
    this.rankingMetric = rankingMetric;
    this.today = new DayPicture(catalogue, day);
    this.yesterday = new DayPicture(catalogue, day.minusDays(1));
    this.month = YearMonth.from(day);
  }

  public Catalogue catalogue() {
    return catalogue;
  }

  public DayPicture today() {
    return today;
  }

  public DayPicture yesterday() {
    return yesterday;
  }

  public YearMonth month() {
    return month;
  }

  public String rankingMetric() {
    return rankingMetric;
  }

  public Map<String, Ranking.Sum> monthSums() {
    return Map.copyOf(monthSums);
  }

  /**
   * Days turn over at local midnight: today becomes yesterday (or both start empty after a gap),
   * and the ranking starts again with a new month. Returns whether anything turned over.
   */
  public boolean rollTo(LocalDate day) {
    if (day.equals(today.day())) {
      return false;
    }
    yesterday = day.minusDays(1).equals(today.day()) ? today : new DayPicture(catalogue, day.minusDays(1));
    today = new DayPicture(catalogue, day);
    if (!YearMonth.from(day).equals(month)) {
      month = YearMonth.from(day);
      monthSums = new HashMap<>();
    }
    return true;
  }

  /** Replaces the month's ranking sums with what the store holds, at start. */
  public void seedRanking(YearMonth seededMonth, Map<String, Ranking.Sum> sums) {
    if (seededMonth.equals(month)) {
      monthSums = new HashMap<>(sums);
    }
  }

  /**
   * Adds a committed report. A late report for yesterday changes yesterday, not today.
   *
   * @param countRanking false while replaying reports the seeded ranking already holds
   */
  public void apply(Report report, boolean countRanking) {
    if (!today.apply(report)) {
      yesterday.apply(report);
    }
    Instant observed = report.observedAt().toInstant();
    report.metrics().forEach((key, value) -> window.add(report.site(), key, observed, value));
    addToHistory(report);
    Double ranked = report.metrics().get(rankingMetric);
    if (countRanking && ranked != null && YearMonth.from(report.localDay()).equals(month)) {
      catalogue.site(report.site()).map(Site::area)
          .ifPresent(area -> monthSums.merge(area, Ranking.Sum.EMPTY.plus(ranked), Ranking.Sum::plus));
    }
  }

  /** Feeds only the hourly history: for reports of the week before yesterday, replayed at start. */
  public void addToHistory(Report report) {
    Instant observed = report.observedAt().toInstant();
    report.metrics().forEach((key, value) -> history.add(report.site(), key, observed, value));
  }

  @Override
  public double recent(String site, String metric, Instant now, int minutes) {
    return window.sum(site, metric, now, minutes);
  }

  @Override
  public double sameHourAverage(String site, String metric, Instant now, int days) {
    return history.sameHourAverage(site, metric, now, days);
  }
}
