package io.watchfloor.ops;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/**
 * /health/live says the process answers; /health/ready says reports can be committed now. The HTTP
 * server may answer before the store has opened or the live picture has been rebuilt from it; the
 * store's ping refuses until both are done, and until this node has read who may report, so ready is
 * never said too early.
 */
public final class HealthRoutes {
  private final Vertx vertx;
  private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);
  private final DeliveryOptions ping;
  /** Whether this node knows who may report: until then every unit's token is refused with 503. */
  private final BooleanSupplier accessKnown;
  private String lastReason;

  public HealthRoutes(Vertx vertx, long timeoutMs, BooleanSupplier accessKnown) {
    this.vertx = vertx;
    this.ping = Local.only(timeoutMs);
    this.accessKnown = accessKnown;
  }

  public void live(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "UP"));
  }

  public void ready(RoutingContext ctx) {
    if (!accessKnown.getAsBoolean()) {
      down(ctx, new IllegalStateException("who may report is not read from the store yet"));
      return;
    }
    vertx.eventBus().<JsonObject>request(Addresses.STORE_PING, "ready", ping)
        .compose(store -> vertx.eventBus().<Boolean>request(Addresses.EVALUATOR_HELD, "ready", ping)
            .map(held -> up(store.body(), held.body())))
        .onSuccess(ctx::json)
        .onFailure(e -> down(ctx, e));
  }

  /** @param evaluator whether this node evaluates the alert rules for the cluster now */
  private JsonObject up(JsonObject store, boolean evaluator) {
    lastReason = null;
    return new JsonObject().put("status", "UP").put("store", store).put("evaluator", evaluator);
  }

  /**
   * Anyone may ask, so the answer names no host, port or database: the reason goes to the log, once
   * each time it changes, so a flood of probes cannot flood the log either.
   */
  private void down(RoutingContext ctx, Throwable failure) {
    String reason = String.valueOf(failure.getMessage());
    if (!reason.equals(lastReason)) {
      lastReason = reason;
      LOG.warn("not ready: {}", reason);
    }
    ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", "DOWN").put("reason", "store unavailable").encode());
  }
}
