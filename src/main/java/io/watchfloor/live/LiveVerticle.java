package io.watchfloor.live;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.config.LiveConfig;
import io.watchfloor.config.RankingConfig;
import io.watchfloor.alert.AlertJson;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.alert.AlertMessages.Firings;
import io.watchfloor.alert.AlertMessages.ListRequest;
import io.watchfloor.alert.AlertMessages.SeenRequest;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Firing;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.RuleEngine;
import io.watchfloor.live.LiveMessages.AlertFrame;
import io.watchfloor.live.LiveMessages.Delta;
import io.watchfloor.live.LiveMessages.SnapshotFrameRequest;
import io.watchfloor.live.LiveMessages.SnapshotRequest;
import io.watchfloor.store.StoreMessages.AcceptedReports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Owns the live state. Committed reports change it at once; every coalescing interval each watched
 * scope's state is compared with the last one broadcast and, if anything changed, one delta of that
 * scope goes to every hub. At
 * start the state is rebuilt from the store; only then does the store take reports
 * ({@code store.accepting}), so no report can be counted both by the rebuild and live. If the store
 * is not open yet the verticle still deploys, waiting, and rebuilds as soon as it opens.
 */
public final class LiveVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LiveVerticle.class);

  private static final long REBUILD_RETRY_MS = 2000;
  /** Per duty desk: the wall screen's ticker shows the newest; the console lists them all from the API. */
  private static final int MAX_OPEN_ALERTS_PER_DESK = 200;

  /** The rebuild at start, one state at a time: it runs once, and only once it is done do ticks run. */
  private enum Rebuild { WAITING, RUNNING, DONE }

  private final Clock clock;
  private final Catalogue catalogue;
  private final List<AlertRule> ruleSettings;
  private final LiveConfig config;
  private final RankingConfig ranking;
  private final int missingCheckSeconds;
  private LiveState state;
  private JsonObject storeInfo = new JsonObject();
  private OpenAlerts openAlerts;
  private final ScopeFeeds feeds = new ScopeFeeds();
  private RuleEngine rules;
  private long timer;
  private long missingTimer;
  private Rebuild rebuild = Rebuild.WAITING;
  private LiveStateMeters meters;

  public LiveVerticle(Clock clock, Catalogue catalogue, List<AlertRule> rules, LiveConfig config, RankingConfig ranking,
                      int missingCheckSeconds) {
    this.clock = clock;
    this.catalogue = catalogue;
    this.ruleSettings = List.copyOf(rules);
    this.config = config;
    this.ranking = ranking;
    this.missingCheckSeconds = missingCheckSeconds;
  }

  @Override
  public Future<?> start() {
    state = new LiveState(catalogue, currentDay(), ranking.metric());
    openAlerts = new OpenAlerts(catalogue, MAX_OPEN_ALERTS_PER_DESK);
    rules = new RuleEngine(catalogue, ruleSettings);
    meters = new LiveStateMeters(openAlerts::all);
    return Future.join(
            vertx.eventBus().<AcceptedReports>consumer(Addresses.REPORTS_ACCEPTED, this::onAccepted).completion(),
            vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS_CHANGED, this::onAlertChanged).completion(),
            vertx.eventBus().<SnapshotRequest>consumer(Addresses.LIVE_SNAPSHOT, this::onSnapshot).completion(),
            vertx.eventBus().<SnapshotFrameRequest>consumer(Addresses.LIVE_SNAPSHOT_FRAME, this::onSnapshotFrame).completion(),
            vertx.eventBus().consumer(Addresses.STORE_OPENED, m -> rebuildUnlessDone()).completion())
        .compose(v -> rebuildAndAccept())
        .recover(e -> {
          // the server still starts, not ready, and rebuilds as soon as the store opens
          LOG.warn("live picture not rebuilt yet ({}); retrying when the store opens", e.getMessage());
          vertx.setTimer(REBUILD_RETRY_MS, id -> rebuildUnlessDone());
          return Future.succeededFuture();
        });
  }

  private void rebuildUnlessDone() {
    if (rebuild == Rebuild.WAITING) {
      rebuildAndAccept().onFailure(e -> vertx.setTimer(REBUILD_RETRY_MS, id -> rebuildUnlessDone()));
    }
  }

  /** Open alerts, then the days, then the store may take reports: nothing can be counted twice. */
  private Future<Void> rebuildAndAccept() {
    rebuild = Rebuild.RUNNING;
    state = new LiveState(catalogue, currentDay(), ranking.metric());
    return vertx.eventBus().<JsonArray>request(Addresses.ALERTS_LIST, new ListRequest(null, openAlerts.capacity()))
        .onSuccess(reply -> openAlerts.reset(reply.body()))
        .compose(v -> seedMissingFired(state.today().day()))
        .compose(v -> new LiveRebuild(vertx, catalogue, state).run())
        .compose(v -> vertx.eventBus().<JsonObject>request(Addresses.STORE_ACCEPTING, "live"))
        .onSuccess(reply -> {
          storeInfo = reply.body();
          rebuild = Rebuild.DONE;
          scheduleTick();
          missingTimer = vertx.setPeriodic(missingCheckSeconds * 1000L, id -> checkDeadlines());
        })
        .onFailure(e -> rebuild = Rebuild.WAITING)
        .mapEmpty();
  }

  /** The missing-report alerts already raised today, resolved ones too, so a restart does not raise them again. */
  private Future<Void> seedMissingFired(LocalDate day) {
    Instant dayStart = day.atStartOfDay(catalogue.jurisdiction().timezone()).toInstant();
    int bound = catalogue.sites().size() * Math.max(1, rules.rules().size());
    return vertx.eventBus().<JsonArray>request(Addresses.ALERTS_SEEN,
            new SeenRequest(AlertRule.Kind.MISSING.name().toLowerCase(Locale.ROOT), dayStart, bound))
        .map(reply -> {
          reply.body().forEach(item -> {
            JsonObject alert = (JsonObject) item;
            rules.missingFiredAlready(day, alert.getString("rule"), alert.getString("subject"));
          });
          return null;
        });
  }

  private LocalDate currentDay() {
    return LocalDate.now(clock.withZone(catalogue.jurisdiction().timezone()));
  }

  /** The scope's state as of now; the caller has rolled the days over. */
  private JsonObject stateOf(String scope, Instant now) {
    return StateJson.of(state, scope, now, ranking.redSize(), ranking.blackSize(), openAlerts.in(scope), storeInfo);
  }

  private void roll(Instant now) {
    state.rollTo(LocalDate.ofInstant(now, catalogue.jurisdiction().timezone()));
  }

  /**
   * A one-shot timer re-armed after each tick, not a periodic one: a periodic timer runs at a fixed
   * rate and, after a stall, fires twice in a row, which would send two deltas within one interval.
   */
  private void scheduleTick() {
    timer = vertx.setTimer(config.deltaIntervalMs(), id -> {
      try {
        tick();
      } finally {
        scheduleTick();
      }
    });
  }

  /** One delta per watched scope and interval at most, however many reports arrived in it. */
  private void tick() {
    Instant now = clock.instant();
    roll(now);
    for (Delta delta : feeds.tick(now.toString(), scope -> stateOf(scope, now))) {
      meters.deltaOut();
      vertx.eventBus().publish(Addresses.LIVE_DELTA, delta);
    }
  }

  private void onAccepted(Message<AcceptedReports> message) {
    Instant now = clock.instant();
    roll(now);
    List<Firing> firings = new ArrayList<>();
    boolean resent = message.body().resent();
    for (Report report : message.body().reports()) {
      if (resent ? state.applyIfNew(report, true) : state.apply(report, true)) {
        meters.reportIn();
        firings.addAll(rules.onReport(report, state, now));
      }
    }
    fire(firings);
  }

  private void checkDeadlines() {
    Instant now = clock.instant();
    roll(now);
    fire(rules.onClock(state.today().day(), state.today().siteStats(), now));
  }

  private void fire(List<Firing> firings) {
    if (!firings.isEmpty()) {
      vertx.eventBus().send(Addresses.ALERTS_FIRE, new Firings(firings));
    }
  }

  /** Alert frames go out at once, to the scopes holding the alert; the open lists follow with the next delta. */
  private void onAlertChanged(Message<JsonObject> message) {
    JsonObject alert = message.body();
    openAlerts.put(alert);
    String at = clock.instant().toString();
    vertx.eventBus().publish(Addresses.LIVE_ALERT, new AlertFrame(alert.getString("area"),
        LiveMessages.tail(at, "alert", alert.encode()), LiveMessages.tail(at, "alert", AlertJson.forWall(alert).encode())));
  }

  /**
   * The freshly computed state of a scope the HTTP side has checked, for GET /api/v1/snapshot: it
   * reflects a report the moment it is committed. Officer text in alerts only when an operator asks.
   */
  private void onSnapshot(Message<SnapshotRequest> message) {
    SnapshotRequest request = message.body();
    if (catalogue.area(request.scope()).isEmpty()) {
      message.fail(404, "no such area");
      return;
    }
    Instant now = clock.instant();
    roll(now);
    JsonObject scoped = stateOf(request.scope(), now).put("at", now.toString());
    message.reply(request.operator() ? scoped : StateJson.forWall(scoped));
  }

  /**
   * The state the scope's next delta builds on, encoded once per version however many clients
   * connect. Only areas of the tree get a feed, so feeds stay as few as the areas.
   */
  private void onSnapshotFrame(Message<SnapshotFrameRequest> message) {
    String scope = message.body().scope();
    if (catalogue.area(scope).isEmpty()) {
      message.fail(404, "no such area");
      return;
    }
    Instant now = clock.instant();
    roll(now);
    message.reply(feeds.snapshot(scope, now.toString(), s -> stateOf(s, now)));
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(missingTimer);
    return Future.succeededFuture();
  }
}
