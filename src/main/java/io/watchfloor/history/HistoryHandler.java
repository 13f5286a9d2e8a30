package io.watchfloor.history;

import io.watchfloor.config.RankingConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Compliance;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Site;
import io.watchfloor.flag.FlagMessages.CountRequest;
import io.watchfloor.flag.FlagMessages.Counts;
import io.watchfloor.store.StoreMessages.DayStats;
import io.watchfloor.store.StoreMessages.DayStatsRequest;
import io.watchfloor.store.StoreMessages.MonthSums;
import io.watchfloor.store.StoreMessages.MonthSumsRequest;
import io.watchfloor.store.StoreMessages.RecentRequest;
import io.watchfloor.store.StoreMessages.SeriesPoints;
import io.watchfloor.store.StoreMessages.SeriesRequest;
import io.watchfloor.store.StoreMessages.SiteReports;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * GET /api/v1/series, /rankings/{metric}, /compliance (docs/api.md) and a site's newest /reports, each
 * cut to a scope of the area tree (by default the caller's own): read from the store, not from the live
 * picture, so they cover any day in range. "Today" and "this month" are the jurisdiction's, by the
 * server's clock.
 */
public final class HistoryHandler {
  /** A read the store has not answered by then will not be waited for by anyone either. */
  private static final long STORE_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final Clock clock;
  private final int redSize;
  private final int blackSize;
  private final HistoryJson json;
  private final DeliveryOptions storeDelivery;

  /** @param ranking the {@code http.ranking} section: red-size and black-size, 3 each by default */
  public HistoryHandler(Vertx vertx, Catalogue catalogue, Clock clock, RankingConfig ranking) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.clock = clock;
    this.redSize = ranking.redSize();
    this.blackSize = ranking.blackSize();
    this.json = new HistoryJson(catalogue);
    this.storeDelivery = Local.only(STORE_TIMEOUT_MS);
  }

  public void series(RoutingContext ctx) {
    HistoryParams.series(ctx, catalogue, today()).ifPresent(read ->
        this.<SeriesPoints>ask(Addresses.STORE_SERIES, new SeriesRequest(read.query()))
            .onSuccess(reply -> ctx.json(json.series(read, reply.points())))
            .onFailure(ctx::fail));
  }

  /**
   * The scope's child areas ranked. The store sums the month by the area of each site of the scope's
   * subtree, and the ranking rolls those sums up to the children, so the district's towns and a
   * town's villages come from the very same figures.
   */
  public void ranking(RoutingContext ctx) {
    HistoryParams.ranking(ctx, catalogue, YearMonth.from(today())).ifPresent(read -> {
      Map<String, String> areaBySite = catalogue.subtreeSites(read.scope()).stream()
          .filter(s -> s.kind().equals(read.metric().siteKind()))
          .collect(Collectors.toMap(Site::id, Site::area));
      // flags: how many of each area's readings await review; without the flag store, none shown
      Future<Map<String, Long>> flagged = this.<Counts>ask(Addresses.FLAGS_COUNT,
              new CountRequest(read.metric().key(), read.month(), areaBySite))
          .map(Counts::byArea).otherwise(Map.of());
      this.<MonthSums>ask(Addresses.STORE_MONTH_SUMS, new MonthSumsRequest(read.metric().key(), read.month(), areaBySite))
          .map(reply -> Ranking.rank(catalogue, read.scope(), read.metric().key(), read.month(), reply.byArea(),
              redSize, blackSize))
          .compose(view -> flagged.map(byArea -> json.ranking(read.scope(), view, byArea)))
          .onSuccess(ctx::json)
          .onFailure(ctx::fail);
    });
  }

  public void compliance(RoutingContext ctx) {
    HistoryParams.compliance(ctx, catalogue, today()).ifPresent(read ->
        this.<DayStats>ask(Addresses.STORE_DAY_STATS, new DayStatsRequest(read.day()))
            .map(reply -> Compliance.of(catalogue, read.scope(), read.day(), reply.bySite(), clock.instant()))
            .onSuccess(view -> ctx.json(json.compliance(read.scope(), view)))
            .onFailure(ctx::fail));
  }

  /** GET /api/v1/reports?site=&limit= : what a site sent lately, for the officer reading one of its alerts. */
  public void recent(RoutingContext ctx) {
    HistoryParams.recent(ctx, catalogue).ifPresent(read ->
        this.<SiteReports>ask(Addresses.STORE_RECENT, new RecentRequest(read.site().id(), read.limit()))
            .onSuccess(reply -> ctx.json(json.reports(read.site().id(), reply.reports())))
            .onFailure(ctx::fail));
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(catalogue.jurisdiction().timezone()));
  }

  private <T> Future<T> ask(String address, Object request) {
    return vertx.eventBus().<T>request(address, request, storeDelivery).map(reply -> reply.body());
  }
}
