package io.watchfloor.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.Role;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.watchfloor.http.Routes;
import io.watchfloor.http.StrictBody;

import java.util.Iterator;
import java.util.List;

/**
 * The red and black lists' settings in /admin: {@code GET} and {@code PUT /api/v1/admin/ranking}. Every admin reads
 * them; only the admin of the whole jurisdiction changes them, since one floor holds for every town's board.
 * Anything but {@code {"onTimeRedFloor": <whole percent 0–100>}} is a 422 naming the field, and nothing changes.
 */
public final class RankingRoutes implements Routes {
  private static final int BODY_LIMIT = 1024;
  private static final String FIELD = "onTimeRedFloor";
  private static final String SHAPE = "{\"onTimeRedFloor\": a whole percent from 0 to 100}";
  private static final DeliveryOptions LOCAL = Local.only(10_000);

  private final Vertx vertx;
  private final Catalogue catalogue;

  public RankingRoutes(Vertx vertx, Catalogue catalogue) {
    this.vertx = vertx;
    this.catalogue = catalogue;
  }

  @Override
  public void mount(Router router, Guards guards) {
    Handler<RoutingContext> adminOnly = guards.requireRole(Role.ADMIN);
    router.get("/api/v1/admin/ranking").handler(adminOnly).handler(this::get);
    router.put("/api/v1/admin/ranking").handler(adminOnly);
    router.put("/api/v1/admin/ranking").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::put);
  }

  private boolean editable(Principal admin) {
    return catalogue.root().id().equals(admin.scope());
  }

  private void get(RoutingContext ctx) {
    Principal caller = Principal.of(ctx).orElseThrow();
    ask(Addresses.RANKING_SETTINGS, "admin", ctx, setting -> ctx.json(setting.put("editable", editable(caller))));
  }

  private void put(RoutingContext ctx) {
    Principal caller = Principal.of(ctx).orElseThrow();
    if (!editable(caller)) {
      throw ApiError.forbidden("only the admin of " + catalogue.root().id() + " changes the red and black lists");
    }
    int floor = floor(StrictBody.orNull(ctx));
    JsonObject update = new JsonObject().put(FIELD, floor).put("by", caller.id()).put("scope", caller.scope());
    ask(Addresses.RANKING_SETTINGS_UPDATE, update, ctx, setting -> ctx.json(setting.put("editable", true)));
  }

  /** The body's floor, or a 422 naming what is wrong: a whole number of percent, 0 to 100, and nothing else. */
  static int floor(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw invalid("(body)", "must be a JSON object " + SHAPE);
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals(FIELD)) {
        throw invalid(name, "is not a field here; send " + SHAPE);
      }
    }
    JsonNode value = body.get(FIELD);
    if (value == null || value.isNull()) {
      throw invalid(FIELD, "is required: " + SHAPE);
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0 || value.intValue() > 100) {
      throw invalid(FIELD, "must be a whole percent from 0 to 100");
    }
    return value.intValue();
  }

  private static ApiError invalid(String field, String message) {
    return new ApiError(422, "Unprocessable content", field + ": " + message, List.of(new FieldError(field, message)), null);
  }

  private void ask(String address, Object body, RoutingContext ctx, Handler<JsonObject> then) {
    vertx.eventBus().<JsonObject>request(address, body, LOCAL).map(reply -> reply.body())
        .onSuccess(then).onFailure(ctx::fail);
  }
}
