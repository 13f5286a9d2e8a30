package io.watchfloor.alert;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.config.AlertsConfig;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.bus.BusFailure;
import io.watchfloor.store.StoreUnavailable;
import io.watchfloor.alert.AlertMessages.Act;
import io.watchfloor.alert.AlertMessages.Firings;
import io.watchfloor.alert.AlertMessages.HandoverRequest;
import io.watchfloor.alert.AlertMessages.ListRequest;
import io.watchfloor.alert.AlertMessages.SeenRequest;
import io.watchfloor.domain.Alert;
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
 * acknowledge and resolve them, unacknowledged critical alerts escalate. Every change is stored with
 * its audit line first, then published on {@code alerts.changed} for the live picture.
 */
public final class AlertVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AlertVerticle.class);

  private final Clock clock;
  private AlertStore store;
  private Duration escalateAfter;
  private FiringRetry retry;
  private long timer;

  private final AlertsConfig config;
  private final StoreConfig storeConfig;

  public AlertVerticle(Clock clock, AlertsConfig config, StoreConfig storeConfig) {
    this.clock = clock;
    this.config = config;
    this.storeConfig = storeConfig;
  }

  @Override
  public Future<?> start() {
    store = storeConfig.postgres() ? new PgAlertStore(vertx, storeConfig.pg()) : new MemoryAlertStore(config.memoryMaxAlerts());
    escalateAfter = config.escalateCriticalAfter();
    retry = new FiringRetry(vertx, config.fireRetryMax(), config.fireRetryFirst(), config.fireRetryMaxWait(), this::store);
    return store.open()
        .compose(v -> Future.join(
            vertx.eventBus().<Firings>consumer(Addresses.ALERTS_FIRE, this::onFirings).completion(),
            vertx.eventBus().<ListRequest>consumer(Addresses.ALERTS_LIST, this::onList).completion(),
            vertx.eventBus().<String>consumer(Addresses.ALERTS_GET, this::onGet).completion(),
            vertx.eventBus().<Act>consumer(Addresses.ALERTS_ACT, this::onAct).completion(),
            vertx.eventBus().<HandoverRequest>consumer(Addresses.ALERTS_HANDOVER, this::onHandover).completion(),
            vertx.eventBus().<SeenRequest>consumer(Addresses.ALERTS_SEEN, this::onSeen).completion()))
        .onSuccess(v -> timer = vertx.setPeriodic(config.escalationCheckSeconds() * 1000L,
            id -> escalate()));
  }

  /** A firing the store cannot take now is kept and tried again: the rules will not fire it a second time. */
  private void onFirings(Message<Firings> message) {
    Instant now = clock.instant();
    for (Firing firing : message.body().firings()) {
      store(firing, now).onFailure(e -> {
        LOG.error("rule {} on {} could not be stored ({}); trying again", firing.rule().id(), firing.subject(), e.getMessage());
        retry.add(firing, now);
      });
    }
  }

  private Future<AlertStore.Fired> store(Firing firing, Instant at) {
    return store.fire(firing, at).onSuccess(fired -> {
      if (fired.created()) {
        LOG.info("alert {} fired: {} on {} ({})", fired.alert().id(), firing.rule().id(), firing.subject(), firing.detail());
      }
      publish(fired.alert());
    });
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

  private void escalate() {
    Instant now = clock.instant();
    store.escalate(now.minus(escalateAfter), now)
        .onSuccess(alerts -> alerts.forEach(a -> {
          LOG.warn("alert {} escalated: critical and unacknowledged for {}", a.id(), escalateAfter);
          publish(a);
        }))
        .onFailure(e -> LOG.warn("escalation check failed: {}", e.getMessage()));
  }

  private void publish(Alert alert) {
    vertx.eventBus().publish(Addresses.ALERTS_CHANGED, AlertJson.of(alert));
  }

  private void onList(Message<ListRequest> message) {
    store.list(message.body().state(), message.body().limit())
        .onSuccess(alerts -> message.reply(AlertJson.of(alerts)))
        .onFailure(e -> fail(message, e));
  }

  private void onGet(Message<String> message) {
    UUID id = UUID.fromString(message.body());
    store.find(id)
        .compose(found -> found.isEmpty() ? Future.failedFuture(new AlertNotFound("no alert " + id))
            : store.history(id).map(history -> new JsonObject().put("alert", AlertJson.of(found.get()))
                .put("history", AlertJson.events(history))))
        .onSuccess(message::reply)
        .onFailure(e -> fail(message, e));
  }

  private void onAct(Message<Act> message) {
    Act act = message.body();
    Instant now = clock.instant();
    Future<Alert> done = Act.RESOLVE.equals(act.action())
        ? store.resolve(act.id(), act.by(), act.note(), now)
        : store.acknowledge(act.id(), act.by(), act.note(), now);
    done.onSuccess(alert -> {
          LOG.info("alert {} {} by {}", alert.id(), alert.state().key(), act.by());
          publish(alert);
          message.reply(AlertJson.of(alert));
        })
        .onFailure(e -> fail(message, e));
  }

  /** A shift handover: what happened in the shift, and what is still unresolved at its end. */
  private void onHandover(Message<HandoverRequest> message) {
    HandoverRequest shift = message.body();
    Future.all(store.events(shift.from(), shift.to()), store.list(null, 1000))
        .onSuccess(all -> message.reply(new JsonObject()
            .put("from", shift.from().toString()).put("to", shift.to().toString())
            .put("events", AlertJson.events(all.resultAt(0)))
            .put("unresolved", AlertJson.of(all.<List<Alert>>resultAt(1)))))
        .onFailure(e -> fail(message, e));
  }

  /** Not found and conflict keep their type on the bus; anything else is the store not answering. */
  private static void fail(Message<?> message, Throwable e) {
    message.reply(e instanceof BusFailure known ? known : StoreUnavailable.of(e, 2));
  }


  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    if (retry != null && retry.size() > 0) {
      LOG.error("alert store: stopping with {} firings never stored", retry.size());
    }
    return store == null ? Future.succeededFuture() : store.close();
  }
}
