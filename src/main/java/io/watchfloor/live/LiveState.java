package io.watchfloor.live;

import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.DayPicture;
import io.watchfloor.domain.LiveView;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Site;
import io.watchfloor.store.StoreMessages.DaySums;
import io.watchfloor.store.StoreMessages.MetricSum;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's live picture: today and yesterday, this month's ranking sums and the last hour per
 * site. Plain Java on one thread; the live verticle owns it and feeds it committed reports. Tomorrow
 * is kept too: a unit's clock may run a few minutes ahead, so a report observed just after midnight
 * can arrive before it, and must be waiting in the day it belongs to when that day starts.
 */
public final class LiveState implements LiveView {
  private final Catalogue catalogue;
  private final String rankingMetric;
  private final RollingWindow window = new RollingWindow();
  private final HourlyHistory history = new HourlyHistory();
  private DayPicture today;
  private DayPicture yesterday;
  private DayPicture tomorrow;
  private YearMonth month;
  private Map<String, Ranking.Sum> monthSums = new HashMap<>();
  /** Readings observed early in next month's first day, before this month has ended. */
  private Map<String, Ranking.Sum> nextMonthSums = new HashMap<>();
  /** Counts the changes of this month's ranking sums, so the ranking is ranked again only when they changed. */
  private long rankingChanges;

  public LiveState(Catalogue catalogue, LocalDate day, String rankingMetric) {
    this.catalogue = catalogue;
    this.rankingMetric = rankingMetric;
    this.today = new DayPicture(catalogue, day);
    this.yesterday = new DayPicture(catalogue, day.minusDays(1));
    this.tomorrow = new DayPicture(catalogue, day.plusDays(1));
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

  public DayPicture tomorrow() {
    return tomorrow;
  }

  public YearMonth month() {
    return month;
  }

  public String rankingMetric() {
    return rankingMetric;
  }

  /** Equal counts, equal {@link #monthSums} and {@link #month}. */
  public long rankingVersion() {
    return rankingChanges;
  }

  public Map<String, Ranking.Sum> monthSums() {
    return Map.copyOf(monthSums);
  }

  /**
   * Days turn over at local midnight: today becomes yesterday and tomorrow today (or they start empty
   * after a gap), and the ranking starts again with a new month. A clock stepped back never rolls
   * back: that would empty today of reports that are stored. Returns whether anything turned over.
   */
  public boolean rollTo(LocalDate day) {
    if (!day.isAfter(today.day())) {
      return false;
    }
    List<DayPicture> kept = List.of(yesterday, today, tomorrow);
    yesterday = kept(kept, day.minusDays(1));
    today = kept(kept, day);
    tomorrow = kept(kept, day.plusDays(1));
    if (!YearMonth.from(day).equals(month)) {
      monthSums = YearMonth.from(day).equals(month.plusMonths(1)) ? nextMonthSums : new HashMap<>();
      nextMonthSums = new HashMap<>();
      month = YearMonth.from(day);
      rankingChanges++;
    }
    return true;
  }

  private DayPicture kept(List<DayPicture> pictures, LocalDate day) {
    return pictures.stream().filter(p -> p.day().equals(day)).findFirst().orElseGet(() -> new DayPicture(catalogue, day));
  }

  private DayPicture pictureOf(LocalDate day) {
    if (day.equals(today.day())) {
      return today;
    }
    return day.equals(yesterday.day()) ? yesterday : day.equals(tomorrow.day()) ? tomorrow : null;
  }

  /** Replaces the month's ranking sums with what the store holds, at start. */
  public void seedRanking(YearMonth seededMonth, Map<String, Ranking.Sum> sums) {
    if (seededMonth.equals(month)) {
      monthSums = new HashMap<>(sums);
      rankingChanges++;
    }
  }

  /**
   * Adds a committed report to the day it was observed on. A report already counted (the same id)
   * changes nothing, so the store may hand over a report it is not sure was seen.
   *
   * @param countRanking false while replaying reports the seeded ranking already holds
   * @return whether the report was new to the picture
   */
  public boolean apply(Report report, boolean countRanking) {
    DayPicture picture = pictureOf(report.localDay());
    if (picture != null && !picture.apply(report)) {
      return false;
    }
    Instant observed = report.observedAt().toInstant();
    report.metrics().forEach((key, value) -> window.add(report.site(), key, observed, value));
    addToHistory(report);
    Double ranked = report.metrics().get(rankingMetric);
    if (countRanking && ranked != null) {
      countRanking(report.localDay(), report.site(), Ranking.Sum.EMPTY.plus(ranked));
    }
    return true;
  }

  private void countRanking(LocalDate day, String site, Ranking.Sum sum) {
    YearMonth reportMonth = YearMonth.from(day);
    Map<String, Ranking.Sum> sums = reportMonth.equals(month) ? monthSums
        : reportMonth.equals(month.plusMonths(1)) ? nextMonthSums : null;
    if (sums != null) {
      catalogue.site(site).map(Site::area).ifPresent(area -> sums.merge(area, sum, Ranking.Sum::plus));
      rankingChanges++;
    }
  }

  /**
   * A live day as the store summed it, in place of its reports (see {@link DayPicture#addCounterSum}): the
   * day's picture, the hourly history, the rolling window from the minute sums of {@code recentFrom} on,
   * and, if {@code countRanking}, the ranking.
   */
  public void seedDay(DaySums day, Instant recentFrom, boolean countRanking) {
    DayPicture picture = pictureOf(day.day());
    if (picture == null) {
      return;
    }
    for (MetricSum sum : day.sums()) {
      picture.addCounterSum(sum.site(), sum.metric(), sum.from(), sum.total());
      history.add(sum.site(), sum.metric(), sum.from(), sum.total());
      if (!sum.from().isBefore(recentFrom)) {
        window.add(sum.site(), sum.metric(), sum.from(), sum.total());
      }
      if (countRanking && sum.metric().equals(rankingMetric)) {
        countRanking(day.day(), sum.site(), new Ranking.Sum(sum.total(), sum.readings()));
      }
    }
    day.lasts().forEach(last -> picture.seedLast(last.site(), last.metric(), last.observed(), last.value()));
    day.sites().values().forEach(picture::seedSite);
  }

  /**
   * A report that may have been applied before: a resend of one whose acknowledgement was lost, or
   * one the store found committed after a failure. It counts only if new to a day still live; for an
   * older day nothing can tell whether it was counted, and those days are not on the screen.
   */
  public boolean applyIfNew(Report report, boolean countRanking) {
    return pictureOf(report.localDay()) != null && apply(report, countRanking);
  }

  /** Feeds only the hourly history: for reports of the week before yesterday, replayed at start. */
  public void addToHistory(Report report) {
    Instant observed = report.observedAt().toInstant();
    report.metrics().forEach((key, value) -> history.add(report.site(), key, observed, value));
  }

  /** A site's sum of one metric over the hour starting at {@code hour}, into the hourly history. */
  public void addToHistory(String site, String metric, Instant hour, double total) {
    history.add(site, metric, hour, total);
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
