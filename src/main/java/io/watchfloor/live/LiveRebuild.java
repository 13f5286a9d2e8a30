package io.watchfloor.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.store.StoreMessages.DayReports;
import io.watchfloor.store.StoreMessages.DayRequest;
import io.watchfloor.store.StoreMessages.DaySums;
import io.watchfloor.store.StoreMessages.DaySumsRequest;
import io.watchfloor.store.StoreMessages.HourlySums;
import io.watchfloor.store.StoreMessages.HourlySumsRequest;
import io.watchfloor.store.StoreMessages.MonthSums;
import io.watchfloor.store.StoreMessages.MonthSumsRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fills a fresh live state from the store at start, so a restarted server shows what it showed before. */
final class LiveRebuild {
  private static final Logger LOG = LoggerFactory.getLogger(LiveRebuild.class);
  /** The spike rule compares with the same hour on each of the previous seven days. */
  private static final int HISTORY_DAYS = 8;
  /** The rolling window's span, and a minute more for the one under way. */
  private static final int RECENT_MINUTES = 61;

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final LiveState state;
  /** With the commit log: only rows of transactions below this, the tail's start (null: every row). */
  private final Long below;
  private final Instant now;

  LiveRebuild(Vertx vertx, Catalogue catalogue, LiveState state, Long below, Instant now) {
    this.vertx = vertx;
    this.now = now;
    this.catalogue = catalogue;
    this.state = state;
    this.below = below;
  }

  /**
   * Yesterday, today and tomorrow (a unit's clock may run a little ahead); the week before only into
   * the hourly history the spike rule compares with, as hourly sums. With the commit log the three days
   * come summed too: a report stored before the horizon can reach the picture again only as a duplicate
   * by the store's key, which the picture then ignores, so it needs no ids of them. Without one (the
   * embedded store) a duplicate counts unless its day knows its id, so those days are read in full.
   */
  Future<Void> run() {
    long started = System.nanoTime();
    LocalDate today = state.today().day();
    // three lanes, so the store reads on its cores at once: the week's hourly sums (the longest read), yesterday
    // then tomorrow, the month's ranking then today. A day is three statements side by side, so at most seven
    // wait at once: a pool of two connections and eight waiting, the smallest a test runs with, takes them.
    // Each part is applied below, in this order, once all have come.
    Future<Runnable> history = replayHistory(today.minusDays(HISTORY_DAYS), today.minusDays(1));
    Future<Runnable> yesterday = day(today.minusDays(1), false);
    Future<Runnable> ranking = seedRanking();
    Future<Runnable> current = ranking.compose(v -> day(today, false));
    // the seeded sums are this month's: a tomorrow in the next month is not in them yet
    Future<Runnable> tomorrow = yesterday.compose(v -> day(today.plusDays(1),
        !YearMonth.from(today.plusDays(1)).equals(state.month())));
    List<Future<Runnable>> steps = List.of(history, ranking, yesterday, current, tomorrow);
    return Future.all(steps)
        .map(all -> {
          steps.forEach(step -> step.result().run());
          return (Void) null;
        })
        .onSuccess(v -> LOG.info("rebuilt {} from {} stored reports (and {} of the day before) in {} ms", today,
            state.today().reports(), state.yesterday().reports(), (System.nanoTime() - started) / 1_000_000));
  }

  /** The month's ranking comes summed from the store, so the replayed days must not count it again. */
  private Future<Runnable> seedRanking() {
    Map<String, String> areaBySite = new HashMap<>();
    catalogue.sites().forEach(site -> areaBySite.put(site.id(), site.area()));
    return vertx.eventBus().<MonthSums>request(Addresses.STORE_MONTH_SUMS,
            new MonthSumsRequest(state.rankingMetric(), state.month(), areaBySite, below), Local.only())
        .map(reply -> () -> state.seedRanking(state.month(), reply.body().byArea()));
  }

  private Future<Runnable> day(LocalDate day, boolean countRanking) {
    return below == null ? replay(day, countRanking) : sums(day, countRanking);
  }

  /** From the minute of {@code recentFrom} on, summed per minute: what the last hour's rolling window holds. */
  private Future<Runnable> sums(LocalDate day, boolean countRanking) {
    Instant recentFrom = now.minus(Duration.ofMinutes(RECENT_MINUTES)).truncatedTo(ChronoUnit.MINUTES);
    return vertx.eventBus().<DaySums>request(Addresses.STORE_DAY_SUMS, new DaySumsRequest(day, recentFrom, below), Local.only())
        .map(reply -> () -> state.seedDay(reply.body(), recentFrom, countRanking));
  }

  private Future<Runnable> replay(LocalDate day, boolean countRanking) {
    return vertx.eventBus().<DayReports>request(Addresses.STORE_DAY, new DayRequest(day, below), Local.only())
        .map(reply -> () -> reply.body().reports().forEach(r -> state.apply(r, countRanking)));
  }

  /**
   * The days in [from, to) as the store sums them per site, metric and hour: a week of a busy
   * district is some 84,000 reports, which read one by one made most of the start-up's time.
   */
  private Future<Runnable> replayHistory(LocalDate from, LocalDate to) {
    return vertx.eventBus().<HourlySums>request(Addresses.STORE_HOURLY_SUMS, HourlySumsRequest.forRebuild(from, to, below),
            Local.only())
        .map(reply -> () -> reply.body().sums().forEach(sum -> state.addToHistory(sum.site(), sum.metric(), sum.hour(), sum.total())));
  }

}
