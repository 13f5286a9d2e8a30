package io.watchfloor.review;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.alert.AlertMessages;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.RankingConfig;
import io.watchfloor.config.ReviewConfig;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Compliance;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Site;
import io.watchfloor.history.HistoryJson;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Principal;
import io.watchfloor.http.WorkGate;
import io.watchfloor.store.StoreMessages.DayStatsRange;
import io.watchfloor.store.StoreMessages.DayStatsRangeRequest;
import io.watchfloor.store.StoreMessages.FlagsRequest;
import io.watchfloor.store.StoreMessages.MonthSums;
import io.watchfloor.store.StoreMessages.MonthSumsRequest;
import io.watchfloor.store.StoreMessages.SiteDaySums;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * GET /api/v1/review (docs/pages.md#the-daily-review): one area's day, from the store in a fixed handful of
 * requests whatever the tree's size: the figures' days in one, the month's day stats in one, the two
 * months' ranking sums, the day's alerts and its flags, and the case figures ({@link ReviewCases}). GET /api/v1/review/replay is {@link Replay}'s.
 */
public final class ReviewHandler {
  private static final long STORE_TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final Clock clock;
  private final RankingConfig ranking;
  private final HistoryJson json;
  private final ZoneId zone;
  private final DeliveryOptions delivery = Local.only(STORE_TIMEOUT_MS);
  private final Replay replay;
  private final WorkGate replays;
  private final ReplayCache built;
  private final Function<String, String> unitNames;

  /** @param unitNames a field unit's name by its id, or null: the review names units as people know them */
  public ReviewHandler(Vertx vertx, Catalogue catalogue, Clock clock, RankingConfig ranking, ReviewConfig config,
                       Function<String, String> unitNames) {
    this.vertx = vertx;
    this.unitNames = unitNames;
    this.catalogue = catalogue;
    this.clock = clock;
    this.ranking = ranking;
    this.json = new HistoryJson(catalogue);
    this.zone = catalogue.jurisdiction().timezone();
    // as many replays at once as the pool has threads: none waits in its queue holding two days of reports
    this.replay = new Replay(vertx, vertx.createSharedWorkerExecutor("watchfloor-replay", config.replayThreads()),
        catalogue, ranking, delivery);
    this.replays = WorkGate.shared(vertx, "replay", config.replayThreads(), config.replayPerCaller(),
        config.replayPerCallerPerMinute());
    this.built = ReplayCache.shared(vertx, config.replayCacheMb());
  }

  public void review(RoutingContext ctx) {
    ReviewParams.read(ctx, catalogue, today()).ifPresent(read -> build(read.date(), read.scope())
        .map(review -> operator(ctx) ? review : forWall(review))
        .onSuccess(ctx::json)
        .onFailure(ctx::fail));
  }

  /**
   * Each display key or operator has a budget of replays a minute, kept or built. A past day's
   * replay is built once and kept; a replay not kept yet takes a turn of the replay gate: a few at
   * once on the node, one at a time per caller.
   */
  public void replay(RoutingContext ctx) {
    ReviewParams.read(ctx, catalogue, today()).ifPresent(read -> {
      String caller = caller(ctx);
      Optional<ApiError> over = replays.take(caller);
      if (over.isPresent()) {
        ctx.fail(over.get());
        return;
      }
      boolean operator = operator(ctx);
      boolean past = read.date().isBefore(today());
      String key = ReplayCache.key(read.scope(), read.date(), operator);
      byte[] kept = past ? built.get(key) : null;
      if (kept != null) {
        sendJson(ctx, kept);
        return;
      }
      replays.run(caller, () -> replay.build(read.date(), read.scope(), operator))
          .onSuccess(body -> {
            if (past) {
              built.put(key, body);
            }
            sendJson(ctx, body);
          })
          .onFailure(ctx::fail);
    });
  }

  private static void sendJson(RoutingContext ctx, byte[] body) {
    ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
  }

  /** Whose turn a replay takes: the display key or operator, as the principal names them. */
  private static String caller(RoutingContext ctx) {
    return Principal.of(ctx).map(p -> p.kind() + ":" + p.id()).orElse("anonymous");
  }

  Future<JsonObject> build(LocalDate date, String scope) {
    Instant now = clock.instant();
    Instant dayStart = date.atStartOfDay(zone).toInstant();
    Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
    YearMonth month = YearMonth.from(date);
    Map<String, String> rankedSites = catalogue.subtreeSites(scope).stream()
        .filter(s -> catalogue.metric(ranking.metric()).map(m -> m.siteKind().equals(s.kind())).orElse(false))
        .collect(Collectors.toMap(Site::id, Site::area));
    Future<SiteDaySums> sums = ask(Addresses.STORE_SITE_DAY_SUMS, ReviewFigures.request(catalogue, scope, date));
    // only sites due by a daily deadline count for compliance: a checkpoint's minute-by-minute rows stay unread
    List<String> due = catalogue.subtreeSites(scope).stream()
        .filter(s -> catalogue.siteKind(s.kind()).map(k -> k.dailyDeadline() != null).orElse(false))
        .map(Site::id).toList();
    Future<DayStatsRange> stats = ask(Addresses.STORE_DAY_STATS_RANGE,
        new DayStatsRangeRequest(date.withDayOfMonth(1), date.plusDays(1), due));
    Future<MonthSums> current = ask(Addresses.STORE_MONTH_SUMS, new MonthSumsRequest(ranking.metric(), month, rankedSites));
    Future<MonthSums> previous = ask(Addresses.STORE_MONTH_SUMS,
        new MonthSumsRequest(ranking.metric(), month.minusMonths(1), rankedSites));
    Future<JsonArray> alerts = ask(Addresses.ALERTS_DAY, new AlertMessages.DayRequest(dayStart, dayEnd, scope));
    // without the case verticle's figures (or when they fail) the review goes out without its cases part
    Future<JsonObject> cases = new ReviewCases(catalogue, this::ask, unitNames, ranking.redSize(), ranking.blackSize())
        .build(scope, date, now).recover(e -> Future.succeededFuture(null));
    Future<JsonArray> flags = this.<JsonArray>ask(Addresses.STORE_FLAGS,
            new FlagsRequest(date, date.plusDays(1), ReviewFigures.siteIds(catalogue, scope)))
        // until the flags part is merged (or when it fails) the review goes out without flags, not without a review
        .recover(e -> Future.succeededFuture(new JsonArray()));
    // without the urge verticle's answer the review goes out without its 催报 part, as without cases
    Future<JsonObject> urgings = new ReviewUrgings(catalogue, this::ask).build(scope, date, dayStart, dayEnd)
        .recover(e -> Future.succeededFuture(null));
    return Future.all(List.of(sums, stats, current, previous, alerts, flags, cases, urgings)).map(all -> {
      Map<LocalDate, Map<String, io.watchfloor.domain.SiteDayStats>> byDay = stats.result().byDay();
      Instant endOfDay = ReviewCompliance.endOf(date, zone, now);
      Compliance.View day = Compliance.of(catalogue, scope, date, byDay.getOrDefault(date, Map.of()), endOfDay);
      return new JsonObject()
          .put("date", date.toString())
          .put("scope", scope)
          .put("level", catalogue.area(scope).map(Area::level).orElse(null))
          .put("figures", new ReviewFigures(catalogue, date, sums.result().sums()).json(scope))
          .put("alerts", ReviewAlerts.of(alerts.result(), dayEnd))
          .put("compliance", new JsonObject().put("day", json.compliance(scope, day))
              .put("month", ReviewCompliance.month(catalogue, scope, date, byDay, now)))
          .put("ranking", ranking(scope, month, current.result(), previous.result()))
          .put("flags", inScope(flags.result(), scope))
          .put("cases", cases.result())
          .put("urgings", urgings.result());
    });
  }

  private JsonObject ranking(String scope, YearMonth month, MonthSums current, MonthSums previous) {
    Ranking.View now = Ranking.rank(catalogue, scope, ranking.metric(), month, current.byArea(), ranking.redSize(),
        ranking.blackSize());
    Ranking.View before = Ranking.rank(catalogue, scope, ranking.metric(), month.minusMonths(1), previous.byArea(),
        ranking.redSize(), ranking.blackSize());
    JsonObject movement = new JsonObject();
    for (Ranking.AreaRank r : now.areas()) {
      Integer was = before.areas().stream().filter(b -> b.area().equals(r.area())).findFirst()
          .map(Ranking.AreaRank::rank).orElse(null);
      movement.put(r.area(), was == null || r.rank() == null ? null : was - r.rank());
    }
    return new JsonObject().put("month", json.ranking(scope, now)).put("previous", json.ranking(scope, before))
        .put("movement", movement);
  }

  /** The flags part answers by site; only the scope's subtree goes out, whatever it sent. */
  private JsonArray inScope(JsonArray flags, String scope) {
    Set<String> sites = new HashSet<>(ReviewFigures.siteIds(catalogue, scope));
    JsonArray kept = new JsonArray();
    flags.forEach(f -> {
      if (f instanceof JsonObject flag && sites.contains(flag.getString("site"))) {
        kept.add(flag);
      }
    });
    return kept;
  }

  /** A wall screen sees when alerts were acted on and how fast, not who acted: as on its live feed. */
  private static JsonObject forWall(JsonObject review) {
    review.getJsonObject("alerts").getJsonArray("items").forEach(item -> {
      for (String step : List.of("acknowledged", "resolved")) {
        if (((JsonObject) item).getValue(step) instanceof JsonObject done) {
          done.remove("by");
        }
      }
    });
    return review;
  }

  /** A wall screen's replay shows alerts as its live feed does: without officers' names and notes. */
  private static boolean operator(RoutingContext ctx) {
    return Principal.of(ctx).map(p -> p.kind() == Principal.Kind.OPERATOR).orElse(false);
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  private <T> Future<T> ask(String address, Object request) {
    return vertx.eventBus().<T>request(address, request, delivery).map(reply -> reply.body());
  }
}
