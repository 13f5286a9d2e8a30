package io.watchfloor.ops;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.Addresses;

/**
 * /health/live says the process answers; /health/ready says the store answers too. The HTTP
 * verticle is deployed only after the rebuild, so a server that answers here has finished it.
 */
public final class HealthRoutes {
  private final Vertx vertx;
  private final DeliveryOptions ping;

  public HealthRoutes(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.ping = new DeliveryOptions().setSendTimeout(timeoutMs);
  }

  public void live(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "UP"));
  }

  public void ready(RoutingContext ctx) {
    vertx.eventBus().<JsonObject>request(Addresses.STORE_PING, "ready", ping)
        .onSuccess(reply -> ctx.json(new JsonObject().put("status", "UP").put("store", reply.body())))
        .onFailure(e -> ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("status", "DOWN").put("reason", "the store does not answer: " + e.getMessage()).encode()));
  }
}
