package io.watchfloor.review;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.alert.AlertJson;
import io.watchfloor.alert.AlertMessages;
import io.watchfloor.bus.Addresses;
import io.watchfloor.config.RankingConfig;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Ranking;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.Site;
import io.watchfloor.live.JsonDelta;
import io.watchfloor.live.LiveState;
import io.watchfloor.live.StateJson;
import io.watchfloor.ranking.RankingFloor;
import io.watchfloor.store.StoreMessages.DayReports;
import io.watchfloor.store.StoreMessages.ViewerDayRequest;
import io.watchfloor.store.StoreMessages.SiteDaySums;
import io.watchfloor.store.StoreMessages.SiteDaySumsRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wall screen's picture of a past day, hour by hour: the day's stored reports applied in order of
 * observation to a fresh live state (yesterday's first, for the trend), its state taken at the end of
 * each hour as a screen of the scope would get it. Hour 0 is a whole state, each later hour the
 * delta from the one before, so the page applies them as it applies the socket's. The month's
 * ranking starts from the earlier days' readings; the alerts are those live at each hour's end.
 */
final class Replay {
  private static final Comparator<Report> OBSERVED = Comparator.comparing((Report r) -> r.observedAt().toInstant())
      .thenComparing(r -> r.id().toString());
  /** What a screen is told of the store: the picture comes from it, not from a live feed. */
  private static final JsonObject STORE = new JsonObject().put("kind", "replay").put("durable", true);

  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final Catalogue catalogue;
  private final RankingConfig ranking;
  private final DeliveryOptions delivery;
  private final ZoneId zone;

  /** @param worker where the pictures are rebuilt: a few threads of their own, never an event loop */
  Replay(Vertx vertx, WorkerExecutor worker, Catalogue catalogue, RankingConfig ranking, DeliveryOptions delivery) {
    this.vertx = vertx;
    this.worker = worker;
    this.catalogue = catalogue;
    this.ranking = ranking;
    this.delivery = delivery;
    this.zone = catalogue.jurisdiction().timezone();
  }

  /**
   * The replay, encoded. The two days are read on the viewers' pool (bounded queue, statement
   * timeout: a flood is refused there with 503, never queued ahead of commits), and the 24 pictures
   * are rebuilt and encoded on the worker.
   *
   * @param operator false for a wall screen's display key: alerts without officers' names and notes
   */
  Future<byte[]> build(LocalDate date, String scope, boolean operator) {
    Instant dayStart = date.atStartOfDay(zone).toInstant();
    Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
    Future<DayReports> yesterday = ask(Addresses.STORE_VIEWER_DAY, new ViewerDayRequest(date.minusDays(1), null));
    Future<DayReports> today = ask(Addresses.STORE_VIEWER_DAY, new ViewerDayRequest(date, null));
    Future<SiteDaySums> earlier = earlierInMonth(date);
    Future<JsonArray> alerts = this.<JsonArray>ask(Addresses.ALERTS_DAY, new AlertMessages.DayRequest(dayStart, dayEnd, scope));
    return Future.all(yesterday, today, earlier, alerts).compose(all -> worker.executeBlocking(() ->
        rebuild(date, scope, operator, yesterday.result(), today.result(), earlier.result(), alerts.result()), false));
  }

  private byte[] rebuild(LocalDate date, String scope, boolean operator, DayReports yesterday, DayReports today,
                         SiteDaySums earlier, JsonArray alerts) {
    LiveState state = new LiveState(catalogue, date, ranking.metric());
    state.seedRanking(YearMonth.from(date), monthSums(earlier));
    yesterday.reports().forEach(r -> state.apply(r, false));
    List<Report> reports = new ArrayList<>(today.reports());
    reports.sort(OBSERVED);
    JsonArray hours = new JsonArray();
    JsonObject previous = null;
    int next = 0;
    for (int hour = 0; hour < 24; hour++) {
      Instant end = date.atStartOfDay(zone).plusHours(hour + 1).toInstant();
      while (next < reports.size() && reports.get(next).observedAt().toInstant().isBefore(end)) {
        state.apply(reports.get(next++), true);
      }
      // today's floor, not the day's: the floor is not kept by day, and the replay is read against today's rule
      JsonObject picture = StateJson.of(state, scope, end, ranking.redSize(), ranking.blackSize(),
          RankingFloor.rate(vertx, ranking.onTimeRedFloor()), liveAt(alerts, end, operator), STORE);
      hours.add(previous == null ? new JsonObject().put("hour", hour).put("state", picture)
          : new JsonObject().put("hour", hour).put("changes", JsonDelta.diff(previous, picture)));
      previous = picture;
    }
    return new JsonObject().put("date", date.toString()).put("scope", scope).put("hours", hours).toBuffer().getBytes();
  }

  /** The ranking metric's readings of the month's days before the date, one request for all of them. */
  private Future<SiteDaySums> earlierInMonth(LocalDate date) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = date.withDayOfMonth(1); d.isBefore(date); d = d.plusDays(1)) {
      days.add(d);
    }
    String kind = catalogue.metric(ranking.metric()).map(m -> m.siteKind()).orElse("");
    List<String> sites = catalogue.sites().stream().filter(s -> s.kind().equals(kind)).map(Site::id).toList();
    return days.isEmpty() || sites.isEmpty() ? Future.succeededFuture(new SiteDaySums(List.of()))
        : ask(Addresses.STORE_SITE_DAY_SUMS, new SiteDaySumsRequest(days, sites, List.of(ranking.metric()), List.of()));
  }

  private Map<String, Ranking.Sum> monthSums(SiteDaySums earlier) {
    Map<String, Ranking.Sum> sums = new HashMap<>();
    earlier.sums().stream().filter(s -> s.metric().equals(ranking.metric())).forEach(s -> catalogue.site(s.site())
        .ifPresent(site -> sums.merge(site.area(), new Ranking.Sum(s.total(), s.readings()), Ranking.Sum::plus)));
    return sums;
  }

  /** The day's alerts as they stood at {@code at}: fired by then, not yet resolved, acknowledged only if it had been. */
  static JsonArray liveAt(JsonArray alerts, Instant at, boolean operator) {
    JsonArray live = new JsonArray();
    for (Object o : alerts) {
      JsonObject a = (JsonObject) o;
      if (!Instant.parse(a.getString("firstSeen")).isBefore(at) || before(a.getJsonObject("resolved"), at)) {
        continue;
      }
      JsonObject shown = a.copy().putNull("resolved");
      boolean acked = before(a.getJsonObject("acknowledged"), at);
      shown.put("state", acked ? "acknowledged" : "open");
      if (!acked) {
        shown.putNull("acknowledged");
      }
      String escalatedAt = a.getString("escalatedAt");
      if (escalatedAt != null && !Instant.parse(escalatedAt).isBefore(at)) {
        shown.put("escalated", false).putNull("escalatedAt").putNull("escalatedTo");
      }
      live.add(operator ? shown : AlertJson.forWall(shown));
    }
    return live;
  }

  private static boolean before(JsonObject action, Instant at) {
    return action != null && Instant.parse(action.getString("at")).isBefore(at);
  }

  private <T> Future<T> ask(String address, Object request) {
    return vertx.eventBus().<T>request(address, request, delivery).map(reply -> reply.body());
  }
}
