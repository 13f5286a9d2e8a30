package io.watchfloor.alert;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.NotifyEvents;
import io.watchfloor.notify.EventKind;
import io.watchfloor.config.AlertsConfig;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.store.DataRefused;
import io.watchfloor.storage.Storage;
import io.watchfloor.bus.BusFailure;
import io.watchfloor.store.StoreUnavailable;
import io.watchfloor.alert.AlertMessages.Act;
import io.watchfloor.alert.AlertMessages.Firings;
import io.watchfloor.alert.AlertMessages.Get;
import io.watchfloor.alert.AlertMessages.HandoverRequest;
import io.watchfloor.alert.AlertMessages.ListRequest;
import io.watchfloor.alert.AlertMessages.SeenRequest;
import io.watchfloor.domain.Alert;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Firing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The alert lifecycle: firings from the rules open alerts (or count on an unresolved one), officers
 * acknowledge and resolve them, unacknowledged critical alerts escalate up the tree of command centres.
 * Every change is stored with its audit line first, then published on {@code alerts.changed} for the
 * live picture. Reads and acts carry the caller's scope and see only the alerts of its subtree.
 */
public final class AlertVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AlertVerticle.class);
  /** Steps taken per check; a backlog beyond it (a long outage) is worked off check by check. */
  private static final int ESCALATIONS_PER_CHECK = 500;
  private static final int HANDOVER_UNRESOLVED = 1000;
  /** A day's alerts in one review; a day with more is a day for other tools than a one-page review. */
  private static final int DAY_ALERTS = 1000;
  /** Firings stored in one transaction; a surge on every report of a busy town fits. */
  private static final int FIRINGS_PER_BATCH = 500;

  private final Clock clock;
  private final Catalogue catalogue;
  private final EscalationLadder ladder;
  private AlertStore store;
  private Duration escalateAfter;
  private FiringRetry retry;
  private FiringBatches batches;
  private long timer;
  private long forgetTimer;
  private static final long FORGET_CHECK_MS = 3_600_000L;
  private static final Duration CAUSES_KEPT = Duration.ofDays(2);

  private final AlertsConfig config;
  private final Storage storage;

  public AlertVerticle(Clock clock, Catalogue catalogue, AlertsConfig config, Storage storage) {
    this.clock = clock;
    this.catalogue = catalogue;
    this.ladder = new EscalationLadder(catalogue);
    this.config = config;
    this.storage = storage;
  }

  @Override
  public Future<?> start() {
    store = storage.choose(() -> new MemoryAlertStore(config.memoryMaxAlerts()), PgAlertStore::new);
    escalateAfter = config.escalateCriticalAfter();
    retry = new FiringRetry(vertx, config.fireRetryMax(), config.fireRetryFirst(), config.fireRetryMaxWait(), this::store);
    batches = new FiringBatches(FIRINGS_PER_BATCH, config.fireRetryMax(),
        firings -> store.fireAll(firings, clock.instant()), this::changed, this::notStored);
    return store.open()
        .compose(v -> Future.join(List.of(
            vertx.eventBus().<Firings>localConsumer(Addresses.ALERTS_FIRE, this::onFirings).completion(),
            vertx.eventBus().<ListRequest>localConsumer(Addresses.ALERTS_LIST, this::onList).completion(),
            vertx.eventBus().<Get>localConsumer(Addresses.ALERTS_GET, this::onGet).completion(),
            vertx.eventBus().<Act>localConsumer(Addresses.ALERTS_ACT, this::onAct).completion(),
            vertx.eventBus().<HandoverRequest>localConsumer(Addresses.ALERTS_HANDOVER, this::onHandover).completion(),
            vertx.eventBus().<SeenRequest>localConsumer(Addresses.ALERTS_SEEN, this::onSeen).completion(),
            vertx.eventBus().<AlertMessages.DayRequest>localConsumer(Addresses.ALERTS_DAY, this::onDay).completion())))
        .onSuccess(v -> {
          timer = vertx.setPeriodic(config.escalationCheckSeconds() * 1000L, id -> escalate());
          forgetTimer = vertx.setPeriodic(FORGET_CHECK_MS, id -> forgetOldCauses());
        });
  }

  /** A firing the store cannot take now is kept and tried again: the rules will not fire it a second time. */
  private void onFirings(Message<Firings> message) {
    batches.add(message.body().firings(), clock.instant());
  }

  private void notStored(Firing firing, Instant at) {
    LOG.error("rule {} on {} could not be stored; trying again", firing.rule().id(), firing.subject());
    retry.add(firing, at);
  }

  private Future<AlertStore.Fired> store(Firing firing, Instant at) {
    return store.fire(firing, at).onSuccess(fired -> {
      if (!fired.repeat()) {
        changed(fired);
      }
    });
  }

  private void changed(AlertStore.Fired fired) {
    if (fired.created()) {
      LOG.info("alert {} fired: {} on {} ({})", fired.alert().id(), fired.alert().rule(), fired.alert().subject(),
          fired.alert().detail());
      NotifyEvents.publish(vertx, EventKind.ALERT_FIRED.key(), fired.alert().id().toString(), "", fired.alert().firstSeen(), null);
    }
    publish(fired.alert());
  }

  /** Rule and subject of the alerts of a kind seen since a time, for the rules to know what they already said. */
  private void onSeen(Message<SeenRequest> message) {
    SeenRequest request = message.body();
    store.seenSince(request.kind(), request.since(), request.limit())
        .map(alerts -> new JsonArray(alerts.stream()
            .map(a -> new JsonObject().put("rule", a.rule()).put("subject", a.subject())).toList()))
        .onSuccess(message::reply)
        .onFailure(e -> fail(message, e));
  }

  /**
   * Causes are kept long past any resend (a retried firing waits at most the retry's maximum, a handover
   * resends seconds): forgetting them after two days keeps the table small.
   */
  private void forgetOldCauses() {
    store.forgetCauses(clock.instant().minus(CAUSES_KEPT))
        .onFailure(e -> LOG.debug("forgetting old alert causes failed: {}", e.getMessage()));
  }

  private void escalate() {
    Instant now = clock.instant();
    store.escalate(now.minus(escalateAfter), now, ladder, ESCALATIONS_PER_CHECK)
        .onSuccess(alerts -> alerts.forEach(a -> {
          LOG.warn("alert {} escalated to {}: critical and unacknowledged for {}", a.id(), a.escalatedTo(), escalateAfter);
          publish(a);
          NotifyEvents.publish(vertx, EventKind.ALERT_ESCALATED.key(), a.id().toString(),
              a.escalatedTo() == null ? "" : a.escalatedTo(), now, null);
        }))
        .onFailure(e -> LOG.warn("escalation check failed: {}", e.getMessage()));
  }

  private void publish(Alert alert) {
    vertx.eventBus().publish(Addresses.ALERTS_CHANGED, AlertJson.of(alert, ladder));
  }

  private void onList(Message<ListRequest> message) {
    ListRequest request = message.body();
    store.list(request.state(), areas(request.scope()), request.limit())
        .onSuccess(alerts -> message.reply(AlertJson.of(alerts, ladder)))
        .onFailure(e -> fail(message, e));
  }

  /** The area ids of a scope's subtree, for the store to filter on; null scope, null: every area. */
  private List<String> areas(String scope) {
    return scope == null ? null : catalogue.subtreeAreas(scope).stream().map(Area::id).toList();
  }

  /** The alert, if it exists and lies in the scope; checked before anything is read further or changed. */
  private Future<Alert> inScope(UUID id, String scope) {
    return store.find(id).compose(found -> found.isEmpty() ? Future.failedFuture(new AlertNotFound("no alert " + id))
        : scope != null && !catalogue.contains(scope, found.get().area()) ? Future.failedFuture(new AlertOutsideScope())
        : Future.succeededFuture(found.get()));
  }

  private void onGet(Message<Get> message) {
    UUID id = message.body().id();
    inScope(id, message.body().scope())
        .compose(alert -> store.history(id).map(history -> new JsonObject().put("alert", AlertJson.of(alert, ladder))
            .put("history", AlertJson.events(history))))
        .onSuccess(message::reply)
        .onFailure(e -> fail(message, e));
  }

  private void onAct(Message<Act> message) {
    Act act = message.body();
    Instant now = clock.instant();
    // an alert's area never changes, so the check cannot go stale before the conditional update
    Future<Alert> done = inScope(act.id(), act.scope()).compose(alert -> Act.RESOLVE.equals(act.action())
        ? store.resolve(act.id(), act.by(), act.note(), now)
        : store.acknowledge(act.id(), act.by(), act.note(), now));
    done.onSuccess(alert -> {
          LOG.info("alert {} {} by {}", alert.id(), alert.state().key(), act.by());
          publish(alert);
          if (Act.RESOLVE.equals(act.action())) {
            NotifyEvents.publish(vertx, EventKind.ALERT_RESOLVED.key(), alert.id().toString(), "", now, null);
          }
          message.reply(AlertJson.of(alert, ladder));
        })
        .onFailure(e -> fail(message, e));
  }

  /** A shift handover of a scope: what happened in its subtree in the shift, and what is still unresolved there. */
  private void onHandover(Message<HandoverRequest> message) {
    HandoverRequest shift = message.body();
    List<String> areas = areas(shift.scope());
    Future.all(store.events(shift.from(), shift.to(), areas), store.list(null, areas, HANDOVER_UNRESOLVED))
        .onSuccess(all -> message.reply(new JsonObject()
            .put("from", shift.from().toString()).put("to", shift.to().toString())
            .put("events", AlertJson.events(all.resultAt(0)))
            .put("unresolved", AlertJson.of(all.<List<Alert>>resultAt(1), ladder))))
        .onFailure(e -> fail(message, e));
  }

  /** The daily review's alerts: those live in the scope's subtree during the day. */
  private void onDay(Message<AlertMessages.DayRequest> message) {
    AlertMessages.DayRequest day = message.body();
    store.live(day.from(), day.to(), areas(day.scope()), DAY_ALERTS)
        .onSuccess(alerts -> message.reply(AlertJson.of(alerts, ladder)))
        .onFailure(e -> fail(message, e));
  }

  /** Not found and conflict keep their type on the bus; anything else is the store not answering. */
  private static void fail(Message<?> message, Throwable e) {
    message.reply(DataRefused.or503(e, 2));
  }


  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    vertx.cancelTimer(forgetTimer);
    int unstored = (retry == null ? 0 : retry.size()) + (batches == null ? 0 : batches.queued());
    if (unstored > 0) {
      LOG.error("alert store: stopping with {} firings never stored", unstored);
    }
    return store == null ? Future.succeededFuture() : store.close();
  }
}
