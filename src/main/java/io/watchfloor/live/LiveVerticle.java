package io.watchfloor.live;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.config.LiveConfig;
import io.watchfloor.config.RankingConfig;
import io.watchfloor.ranking.RankingFloor;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.alert.AlertMessages.ListRequest;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Report;
import io.watchfloor.live.LiveMessages.Delta;
import io.watchfloor.live.LiveMessages.SnapshotFrameRequest;
import io.watchfloor.live.LiveMessages.SnapshotRequest;
import io.watchfloor.store.StoreMessages.AcceptedReports;
import io.watchfloor.store.StoreMessages.Horizon;
import io.watchfloor.store.StoreMessages.HorizonRequest;
import io.watchfloor.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Owns the live state. Committed reports change it at once; every coalescing interval each watched
 * scope's state is compared with the last one broadcast and, if anything changed, one delta of that
 * scope goes to every hub. At
 * start the state is rebuilt from the store; only then does the store take reports
 * ({@code store.accepting}), so no report can be counted both by the rebuild and live. If the store
 * is not open yet the verticle still deploys, waiting, and rebuilds as soon as it opens.
 *
 * <p>On PostgreSQL the picture is a projection of the store, the same on every node of a cluster: the
 * rebuild reads the rows below a horizon, and a {@link ReportTail} then follows every row committed by
 * any node, exactly once. This node's own commits are also applied the moment they commit, so a 201 is
 * never ahead of its picture; each such report waits, unconfirmed, for the tail to bring it, and the
 * tail then skips it. A report the tail brought first is known to its day, which then refuses it again.
 *
 * <p>The open alerts, the alert rules and the evaluator's question are {@link LiveAlerts}'; this class
 * hands it each counted report and asks it for a scope's open alerts. The cases are {@link LiveCases}'.
 */
public final class LiveVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LiveVerticle.class);

  private static final long REBUILD_RETRY_MS = 2000;

  /** The rebuild at start, one state at a time: it runs once, and only once it is done do ticks run. */
  private enum Rebuild { WAITING, RUNNING, DONE }

  private final Clock clock;
  private final Catalogue catalogue;
  private final List<AlertRule> ruleSettings;
  private final LiveConfig config;
  private final RankingConfig ranking;
  private final int missingCheckSeconds;
  private final Storage storage;
  /** Whether the picture follows the store's commit log (PostgreSQL), or only this node's commits. */
  private final boolean tailed;
  private LiveState state;
  /** The parts of the watched scopes' states, built again only when they changed; it forgets a replaced state. */
  private final StateParts parts = new StateParts();
  private JsonObject storeInfo = new JsonObject();
  private LiveAlerts alerts;
  private LiveCases cases;
  private final ScopeFeeds feeds = new ScopeFeeds();
  private ReportTail tail;
  private CommitIntake intake;
  /** Reports applied at their commit and not yet brought by the tail; past it, commits wait for the tail. */
  private static final int MAX_UNCONFIRMED = 100_000;
  private static final int TAIL_PAGE = 5000;
  /** How often the tail reads when no commit pokes it. */
  private static final long TAIL_POLL_MS = 500;
  /**
   * The least time between two reads of the tail. Under load every commit poked a read, one statement for
   * PostgreSQL per batch insert; other nodes' reports now reach this picture at most this much later, a fifth
   * of the default delta interval. This node's own reports count at their commit, not through the tail.
   */
  private static final long TAIL_SPACING_MS = 50;
  private long timer;
  private long missingTimer;
  private Rebuild rebuild = Rebuild.WAITING;
  private final Promise<Void> firstAttempt = Promise.promise();
  private LiveStateMeters meters;

  public LiveVerticle(Clock clock, Catalogue catalogue, List<AlertRule> rules, LiveConfig config, RankingConfig ranking,
                      int missingCheckSeconds, Storage storage) {
    this.clock = clock;
    this.catalogue = catalogue;
    this.ruleSettings = List.copyOf(rules);
    this.config = config;
    this.ranking = ranking;
    this.missingCheckSeconds = missingCheckSeconds;
    this.storage = storage;
    this.tailed = storage.shared();
  }

  @Override
  public Future<?> start() {
    state = new LiveState(catalogue, currentDay(), ranking.metric());
    alerts = new LiveAlerts(vertx, clock, catalogue, ruleSettings, storage);
    cases = new LiveCases(vertx, clock, catalogue);
    tail = new ReportTail(vertx, TAIL_PAGE, TAIL_POLL_MS, TAIL_SPACING_MS, this::onTailed);
    intake = new CommitIntake(tailed, MAX_UNCONFIRMED);
    meters = new LiveStateMeters(alerts::all);
    // the jurisdiction's feed runs whether or not a screen watches it, as the one feed did before scopes
    Instant started = clock.instant();
    feeds.open(catalogue.root().id(), scope -> stateOf(scope, started));
    // commit pokes come from every node; the rest is this node's own
    return Future.join(List.of(
            vertx.eventBus().<AcceptedReports>localConsumer(Addresses.REPORTS_ACCEPTED, this::onAccepted).completion(),
            vertx.eventBus().consumer(Addresses.REPORTS_COMMITTED, m -> tail.poke()).completion(),
            vertx.eventBus().<SnapshotRequest>localConsumer(Addresses.LIVE_SNAPSHOT, this::onSnapshot).completion(),
            vertx.eventBus().<SnapshotFrameRequest>localConsumer(Addresses.LIVE_SNAPSHOT_FRAME, this::onSnapshotFrame).completion(),
            vertx.eventBus().localConsumer(Addresses.STORE_OPENED, m -> rebuildUnlessDone()).completion(),
            alerts.listen(),
            cases.listen()))
        .onSuccess(v -> firstRebuild())
        .mapEmpty();
  }

  /**
   * Runs beside the deployment of the verticles after this one, which need no picture: until it is done the
   * store refuses reports and the snapshots answer 503, so the server is up sooner and is never ready sooner.
   */
  private void firstRebuild() {
    rebuildAndAccept()
        .recover(e -> {
          // the server still starts, not ready, and rebuilds as soon as the store opens
          LOG.warn("live picture not rebuilt yet ({}); retrying when the store opens", e.getMessage());
          vertx.setTimer(REBUILD_RETRY_MS, id -> rebuildUnlessDone());
          return Future.succeededFuture();
        })
        .onComplete(firstAttempt);
  }

  /** Completes once the rebuild at start has been tried, whether or not the store could answer it yet. */
  public Future<Void> firstAttempt() {
    return firstAttempt.future();
  }

  private void rebuildUnlessDone() {
    if (rebuild == Rebuild.WAITING) {
      rebuildAndAccept().onFailure(e -> vertx.setTimer(REBUILD_RETRY_MS, id -> rebuildUnlessDone()));
    }
  }

  /**
   * Open alerts, then the days, then (once the flags' history is read too) the store may take reports:
   * nothing can be counted twice. With the commit log the days are read below a horizon, and the tail
   * starts there.
   */
  private Future<Void> rebuildAndAccept() {
    rebuild = Rebuild.RUNNING;
    state = new LiveState(catalogue, currentDay(), ranking.metric());
    return alerts.load()
        .compose(v -> horizon())
        .compose(horizon -> new LiveRebuild(vertx, catalogue, state, horizon, clock.instant()).run()
            // the outlier check's history too: no report is checked before it is read
            .compose(v -> vertx.eventBus().request(Addresses.FLAGS_HISTORY_READ, "live", Local.only()))
            .compose(v -> vertx.eventBus().<JsonObject>request(Addresses.STORE_ACCEPTING, "live", Local.only()))
            .onSuccess(reply -> accepting(reply.body(), horizon)))
        .onFailure(e -> rebuild = Rebuild.WAITING)
        .mapEmpty();
  }

  private Future<Long> horizon() {
    return tailed ? vertx.eventBus().<Horizon>request(Addresses.STORE_HORIZON, new HorizonRequest(), Local.only())
        .map(r -> r.body().txid())
        : Future.succeededFuture(null);
  }

  private void accepting(JsonObject store, Long horizon) {
    storeInfo = store;
    rebuild = Rebuild.DONE;
    scheduleTick();
    missingTimer = vertx.setPeriodic(missingCheckSeconds * 1000L, id -> checkDeadlines());
    if (tailed) {
      tail.start(horizon);
    }
    alerts.start(tailed, () -> {
      roll(clock.instant());
      return state.today().day();
    }, this::checkDeadlines);
  }

  private LocalDate currentDay() {
    return LocalDate.now(clock.withZone(catalogue.jurisdiction().timezone()));
  }

  /** The scope's state as of now; the caller has rolled the days over. */
  private JsonObject stateOf(String scope, Instant now) {
    return parts.of(state, scope, now, ranking.redSize(), ranking.blackSize(),
        RankingFloor.rate(vertx, ranking.onTimeRedFloor()), alerts.version(), () -> alerts.in(scope), storeInfo)
        .put("cases", cases.in(scope));
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
    meters.tailBehind(intake.tailBehindSeconds(System.nanoTime()));
    for (Delta delta : feeds.tick(now.toString(), scope -> stateOf(scope, now))) {
      meters.deltaOut();
      vertx.eventBus().publish(Addresses.LIVE_DELTA, delta, Local.only());
    }
  }

  private void onAccepted(Message<AcceptedReports> message) {
    Instant now = clock.instant();
    roll(now);
    counted(intake.committedHere(state, message.body().reports(), message.body().resent()), now);
  }

  private void onTailed(List<Report> rows) {
    Instant now = clock.instant();
    roll(now);
    counted(intake.tailed(state, rows), now);
  }

  private void counted(List<Report> reports, Instant now) {
    if (reports.isEmpty()) {
      return;
    }
    for (Report report : reports) {
      meters.reportIn();
      alerts.onReport(report, state, now);
    }
    vertx.eventBus().publish(Addresses.REPORTS_COUNTED, new LiveMessages.Counted(reports),
        Local.only());
  }

  private void checkDeadlines() {
    Instant now = clock.instant();
    roll(now);
    alerts.onClock(state.today().day(), state.today().siteStats(), now);
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
    if (refusedWhileRebuilding(message)) {
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
    if (refusedWhileRebuilding(message)) {
      return;
    }
    Instant now = clock.instant();
    roll(now);
    message.reply(feeds.snapshot(scope, now.toString(), s -> stateOf(s, now)));
  }

  /** Before the rebuild a state would show zeros as if they were counts: not shown, but "not now". */
  private boolean refusedWhileRebuilding(Message<?> message) {
    if (rebuild == Rebuild.DONE) {
      return false;
    }
    message.fail(503, "the live picture is being rebuilt from the store");
    return true;
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(missingTimer);
    tail.stop();
    alerts.stop();
    return Future.succeededFuture();
  }
}
