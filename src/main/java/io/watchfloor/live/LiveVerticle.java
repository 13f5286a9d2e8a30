package io.watchfloor.live;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
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
import io.watchfloor.live.LiveMessages.Snapshot;
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
 * Owns the live state. Committed reports change it at once; every coalescing interval the state is
 * compared with the last one broadcast and, if anything changed, one delta goes to every hub. At
 * start the state is rebuilt from the store; only then does the store take reports
 * ({@code store.accepting}), so no report can be counted both by the rebuild and live. If the store
 * is not open yet the verticle still deploys, waiting, and rebuilds as soon as it opens.
 */
public final class LiveVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LiveVerticle.class);

  private static final long REBUILD_RETRY_MS = 2000;
  /** The wall screen's ticker shows the newest; the console lists them all from the API. */
  private static final int MAX_OPEN_ALERTS = 200;
  /** The body of a {@code live.snapshot} request that may see officer text; any other gets the wall's cut. */
  public static final String FOR_OPERATOR = "operator";

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
  private JsonArray openAlerts = new JsonArray();
  private JsonObject broadcast;
  private long version;
  private Snapshot snapshotFrame;
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
    broadcast = stateNow(clock.instant());
    rules = new RuleEngine(catalogue, ruleSettings);
    meters = new LiveStateMeters(() -> openAlerts);
    return Future.join(
            vertx.eventBus().<AcceptedReports>consumer(Addresses.REPORTS_ACCEPTED, this::onAccepted).completion(),
            vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS_CHANGED, this::onAlertChanged).completion(),
            vertx.eventBus().consumer(Addresses.LIVE_SNAPSHOT, this::onSnapshot).completion(),
            vertx.eventBus().consumer(Addresses.LIVE_SNAPSHOT_FRAME, this::onSnapshotFrame).completion(),
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
    return vertx.eventBus().<JsonArray>request(Addresses.ALERTS_LIST, new ListRequest(null, MAX_OPEN_ALERTS))
        .onSuccess(reply -> openAlerts = reply.body())
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

  private JsonObject stateNow(Instant now) {
    state.rollTo(LocalDate.ofInstant(now, catalogue.jurisdiction().timezone()));
    return StateJson.of(state, now, ranking.redSize(), ranking.blackSize(), openAlerts, storeInfo);
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

  /** One delta per interval at most, however many reports arrived in it. */
  private void tick() {
    Instant now = clock.instant();
    JsonObject next = stateNow(now);
    JsonObject changes = JsonDelta.diff(broadcast, next);
    if (changes.isEmpty()) {
      return;
    }
    broadcast = next;
    version++;
    meters.deltaOut();
    snapshotFrame = null;
    String at = now.toString();
    JsonObject wallChanges = StateJson.forWall(changes);
    Buffer tail = LiveMessages.tail(at, "changes", changes.encode());
    Buffer wallTail = wallChanges == changes ? tail
        : wallChanges.isEmpty() ? null : LiveMessages.tail(at, "changes", wallChanges.encode());
    vertx.eventBus().publish(Addresses.LIVE_DELTA,
        new Delta(version, changes, at, tail, wallTail == null ? null : wallChanges, wallTail));
  }

  private void onAccepted(Message<AcceptedReports> message) {
    Instant now = clock.instant();
    state.rollTo(LocalDate.ofInstant(now, catalogue.jurisdiction().timezone()));
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
    state.rollTo(LocalDate.ofInstant(now, catalogue.jurisdiction().timezone()));
    fire(rules.onClock(state.today().day(), state.today().siteStats(), now));
  }

  private void fire(List<Firing> firings) {
    if (!firings.isEmpty()) {
      vertx.eventBus().send(Addresses.ALERTS_FIRE, new Firings(firings));
    }
  }

  /** Alert frames go out at once; the open list in the state follows with the next delta. */
  private void onAlertChanged(Message<JsonObject> message) {
    JsonObject alert = message.body();
    JsonArray open = new JsonArray();
    for (Object item : openAlerts) {
      if (!((JsonObject) item).getString("id").equals(alert.getString("id"))) {
        open.add(item);
      }
    }
    if (!"resolved".equals(alert.getString("state"))) {
      open.add(0, alert);
    }
    openAlerts = open.size() > MAX_OPEN_ALERTS ? new JsonArray(open.getList().subList(0, MAX_OPEN_ALERTS)) : open;
    String at = clock.instant().toString();
    vertx.eventBus().publish(Addresses.LIVE_ALERT, new AlertFrame(LiveMessages.tail(at, "alert", alert.encode()),
        LiveMessages.tail(at, "alert", AlertJson.forWall(alert).encode())));
  }

  /**
   * The freshly computed state, for GET /api/v1/snapshot: it reflects a report the moment it is
   * committed. Officer text in alerts only when the body says an operator asks.
   */
  private void onSnapshot(Message<Object> message) {
    Instant now = clock.instant();
    JsonObject state = stateNow(now).put("at", now.toString());
    message.reply(FOR_OPERATOR.equals(message.body()) ? state : StateJson.forWall(state));
  }

  /** The state the next delta builds on, encoded once per version however many clients connect. */
  private void onSnapshotFrame(Message<Object> message) {
    if (snapshotFrame == null) {
      String at = clock.instant().toString();
      snapshotFrame = new Snapshot(version, LiveMessages.tail(at, "state", broadcast.encode()),
          LiveMessages.tail(at, "state", StateJson.forWall(broadcast).encode()));
    }
    message.reply(snapshotFrame);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(missingTimer);
    return Future.succeededFuture();
  }
}
