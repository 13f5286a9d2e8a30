package io.watchfloor.ranking;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.watchfloor.bus.Addresses;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.Role;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.watchfloor.http.RootAdmin;
import io.watchfloor.http.Routes;

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

  private final RootAdmin admin;

  public RankingRoutes(Vertx vertx, Catalogue catalogue) {
    this.admin = new RootAdmin(vertx, catalogue);
  }

  @Override
  public void mount(Router router, Guards guards) {
    Handler<RoutingContext> adminOnly = guards.requireRole(Role.ADMIN);
    router.get("/api/v1/admin/ranking").handler(adminOnly).handler(this::get);
    router.put("/api/v1/admin/ranking").handler(adminOnly);
    router.put("/api/v1/admin/ranking").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::put);
  }

  private void get(RoutingContext ctx) {
    Principal caller = Principal.of(ctx).orElseThrow();
    admin.ask(Addresses.RANKING_SETTINGS, "admin")
        .onSuccess(setting -> ctx.json(setting.put("editable", admin.editable(caller))))
        .onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    Principal caller = admin.rootAdmin(ctx, "the red and black lists");
    int floor = floor(RootAdmin.field(ctx, FIELD, SHAPE));
    JsonObject update = new JsonObject().put(FIELD, floor).put("by", caller.id()).put("scope", caller.scope());
    admin.ask(Addresses.RANKING_SETTINGS_UPDATE, update)
        .onSuccess(setting -> ctx.json(setting.put("editable", true)))
        .onFailure(ctx::fail);
  }

  /** The floor, or a 422 naming what is wrong: a whole number of percent, 0 to 100. */
  private static int floor(JsonNode value) {
    if (value == null || value.isNull()) {
      throw invalid("is required: " + SHAPE);
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0 || value.intValue() > 100) {
      throw invalid("must be a whole percent from 0 to 100");
    }
    return value.intValue();
  }

  private static ApiError invalid(String message) {
    return RootAdmin.invalid(List.of(new FieldError(FIELD, message)));
  }
}
