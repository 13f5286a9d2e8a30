package io.watchfloor.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.alert.AlertJson;
import io.watchfloor.alert.AlertMessages.ListRequest;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.storage.Storage;
import io.watchfloor.domain.AlertRule;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.LiveView;
import io.watchfloor.domain.Report;
import io.watchfloor.domain.RuleEngine;
import io.watchfloor.domain.SiteDayStats;
import io.watchfloor.live.LiveMessages.AlertFrame;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The alerts beside the live picture: the open alerts the screens show, kept current from every node's
 * changes and, on a cluster, reconciled with the store; the alert rules this node evaluates; and the
 * answer to {@code alerts.evaluator.held}. {@link LiveVerticle} owns one, hands it every counted report
 * and deadline check, and asks it for a scope's open alerts when it builds a state.
 */
final class LiveAlerts {
  /** Per duty desk: the wall screen's ticker shows the newest; the console lists them all from the API. */
  private static final int MAX_OPEN_ALERTS_PER_DESK = 200;
  /** An alert change whose publish died with its node reaches the other nodes' screens by then. */
  private static final long ALERTS_RECONCILE_MS = 3000;

  private final Vertx vertx;
  private final Clock clock;
  private final Catalogue catalogue;
  private final OpenAlerts openAlerts;
  private final RuleDesk desk;
  private long reconcileTimer = -1;
  private long alertChanges;

  LiveAlerts(Vertx vertx, Clock clock, Catalogue catalogue, List<AlertRule> ruleSettings, Storage storage) {
    this.vertx = vertx;
    this.clock = clock;
    this.catalogue = catalogue;
    this.openAlerts = new OpenAlerts(catalogue, MAX_OPEN_ALERTS_PER_DESK);
    this.desk = new RuleDesk(vertx, catalogue, new RuleEngine(catalogue, ruleSettings), storage);
  }

  /** Alert changes come from every node; the evaluator question and rule settings are this node's own. */
  Future<Void> listen() {
    return Future.join(List.of(
            vertx.eventBus().<JsonObject>consumer(Addresses.ALERTS_CHANGED, this::onAlertChanged).completion(),
            vertx.eventBus().localConsumer(Addresses.EVALUATOR_HELD, m -> m.reply(desk.evaluating())).completion(),
            new RuleUpdates(vertx, catalogue, desk::replace).start()))
        .mapEmpty();
  }

  /** The open alerts as the store has them now, replacing whatever was held: the first step of a rebuild. */
  Future<Void> load() {
    return openAlertsInStore().onSuccess(openAlerts::reset).mapEmpty();
  }

  /**
   * Once the picture is rebuilt: contends for the evaluator's lock and, when {@code reconcile}, reads the
   * store's open alerts every few seconds.
   */
  void start(boolean reconcile, Supplier<LocalDate> today, Runnable onTaken) {
    if (reconcile) {
      reconcileTimer = vertx.setPeriodic(ALERTS_RECONCILE_MS, id -> reconcile());
    }
    desk.start(today, onTaken);
  }

  void stop() {
    vertx.cancelTimer(reconcileTimer);
    desk.stop();
  }

  /** Whether this node is the cluster's evaluator, the one that sends what fires to the alert store. */
  boolean evaluating() {
    return desk.evaluating();
  }

  void onReport(Report report, LiveView view, Instant now) {
    desk.onReport(report, view, now);
  }

  void onClock(LocalDate day, Map<String, SiteDayStats> today, Instant now) {
    desk.onClock(day, today, now);
  }

  /** The scope's open alerts, newest first. */
  JsonArray in(String scope) {
    return openAlerts.in(scope);
  }

  /** Equal counts, equal answers of {@link #in}. */
  long version() {
    return openAlerts.version();
  }

  /** Every open alert held, for the meters. */
  JsonArray all() {
    return openAlerts.all();
  }

  /**
   * The open alerts as the store has them: a change whose node died before publishing it shows now. A
   * change heard while the list was read may be newer than the list, which then waits for the next round.
   */
  private void reconcile() {
    long heard = alertChanges;
    openAlertsInStore().onSuccess(open -> {
      if (alertChanges == heard) {
        openAlerts.reset(open);
      }
    });
  }

  private Future<JsonArray> openAlertsInStore() {
    return vertx.eventBus().<JsonArray>request(Addresses.ALERTS_LIST, new ListRequest(null, openAlerts.capacity()),
            Local.only())
        .map(Message::body);
  }

  /** Alert frames go out at once, to the scopes holding the alert; the open lists follow with the next delta. */
  private void onAlertChanged(Message<JsonObject> message) {
    JsonObject alert = message.body();
    alertChanges++;
    openAlerts.put(alert);
    String at = clock.instant().toString();
    vertx.eventBus().publish(Addresses.LIVE_ALERT, new AlertFrame(alert.getString("area"),
        LiveMessages.suffix(at, "alert", alert.encode()), LiveMessages.suffix(at, "alert", AlertJson.forWall(alert).encode())),
        Local.only());
  }
}
