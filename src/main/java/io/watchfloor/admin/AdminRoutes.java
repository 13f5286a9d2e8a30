package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.watchfloor.admin.AdminService.Actor;
import io.watchfloor.admin.UnitAdmin.UnitInput;
import io.watchfloor.admin.OperatorAdmin.OperatorInput;
import io.watchfloor.http.Principal;
import io.watchfloor.audit.AuditRoutes;

import java.util.Set;
import java.util.function.Function;

/**
 * The admin API of docs/security.md#administration, behind the admin role (the router's guard) and, for a cookie's state
 * changes, the page's Origin (the authenticator's). Each handler reads its input strictly, then asks the
 * admin verticle, which checks what needs the store and the tree; its failures carry their own status.
 */
public final class AdminRoutes {
  /** A unit with a thousand sites named one by one fits. */
  private static final int BIG_BODY = 65_536;
  private static final int SMALL_BODY = 4096;

  private final Vertx vertx;

  public AdminRoutes(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * The routes of docs/security.md#administration: the admin role for all of /api/v1/admin (a viewer, an officer, a unit or a screen
   * gets 403, before any body is read); the setup link's call for anyone, its secret decides.
   */
  public static void mount(Router router, AdminRoutes admin, AuditRoutes audit, Handler<RoutingContext> adminOnly) {
    router.route("/api/v1/admin/*").handler(adminOnly);
    router.get("/api/v1/admin/units").handler(admin::units);
    post(router, "/api/v1/admin/units", BIG_BODY, admin::createUnit);
    post(router, "/api/v1/admin/units/:id/token", SMALL_BODY, admin::rotateToken);
    post(router, "/api/v1/admin/units/:id/disable", SMALL_BODY, admin::disableUnit);
    post(router, "/api/v1/admin/units/:id/enable", SMALL_BODY, admin::enableUnit);
    router.get("/api/v1/admin/operators").handler(admin::operators);
    post(router, "/api/v1/admin/operators", SMALL_BODY, admin::createOperator);
    post(router, "/api/v1/admin/operators/:username/disable", SMALL_BODY, admin::disableOperator);
    post(router, "/api/v1/admin/operators/:username/enable", SMALL_BODY, admin::enableOperator);
    post(router, "/api/v1/admin/operators/:username/reset", SMALL_BODY, admin::resetOperator);
    router.get("/api/v1/admin/display-keys").handler(admin::displayKeys);
    post(router, "/api/v1/admin/display-keys", SMALL_BODY, admin::createDisplayKey);
    router.delete("/api/v1/admin/display-keys/:id").handler(admin::revokeDisplayKey);
    router.get("/api/v1/admin/audit").handler(audit::list);
    router.get("/api/v1/admin/export").handler(admin::export);
    post(router, "/api/v1/setup", SMALL_BODY, admin::setup);
  }

  private static void post(Router router, String path, int bodyLimit, Handler<RoutingContext> handler) {
    router.post(path).handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(handler);
  }

  private static Actor actor(RoutingContext ctx) {
    Principal principal = Principal.of(ctx).orElseThrow();
    return new Actor(principal.id(), principal.scope());
  }

  private <T> void answer(RoutingContext ctx, int status, Function<AdminService, Future<T>> action) {
    AdminClient.run(vertx, action).onSuccess(result -> {
      ctx.response().setStatusCode(status);
      if (result == null || status == 204) {
        ctx.response().end();
      } else {
        ctx.json(result);
      }
    }).onFailure(ctx::fail);
  }

  public void units(RoutingContext ctx) {
    Actor actor = actor(ctx);
    answer(ctx, 200, s -> s.units().list(actor));
  }

  public void createUnit(RoutingContext ctx) {
    AdminInput in = AdminInput.of(ctx, Set.of("id", "name", "sites", "siteKinds", "scope"));
    if (in == null) {
      return;
    }
    UnitInput unit = new UnitInput(in.text("id", true, AdminInput.ID), in.text("name", true, null),
        in.text("scope", false, null), in.strings("sites"), in.strings("siteKinds"));
    in.require(!unit.sites().isEmpty() || !unit.siteKinds().isEmpty(), "sites",
        "must name at least one site (or give siteKinds)");
    if (in.valid(ctx)) {
      Actor actor = actor(ctx);
      answer(ctx, 201, s -> s.units().create(actor, unit));
    }
  }

  public void rotateToken(RoutingContext ctx) {
    AdminInput in = AdminInput.of(ctx, Set.of("graceSeconds"));
    if (in == null) {
      return;
    }
    int grace = in.integer("graceSeconds", 0, 0, UnitAdmin.MAX_GRACE_SECONDS);
    if (in.valid(ctx)) {
      Actor actor = actor(ctx);
      String id = ctx.pathParam("id");
      answer(ctx, 200, s -> s.units().rotate(actor, id, grace));
    }
  }

  public void disableUnit(RoutingContext ctx) {
    unitDisabled(ctx, true);
  }

  public void enableUnit(RoutingContext ctx) {
    unitDisabled(ctx, false);
  }

  private void unitDisabled(RoutingContext ctx, boolean disabled) {
    AdminInput in = AdminInput.of(ctx, Set.of());
    if (in != null && in.valid(ctx)) {
      Actor actor = actor(ctx);
      String id = ctx.pathParam("id");
      answer(ctx, 200, s -> s.units().setDisabled(actor, id, disabled));
    }
  }

  public void operators(RoutingContext ctx) {
    Actor actor = actor(ctx);
    answer(ctx, 200, s -> s.operators().list(actor));
  }

  public void createOperator(RoutingContext ctx) {
    AdminInput in = AdminInput.of(ctx, Set.of("username", "name", "role", "scope", "password"));
    if (in == null) {
      return;
    }
    OperatorInput operator = new OperatorInput(in.text("username", true, AdminInput.USERNAME), in.text("name", true, null),
        in.role("role"), in.text("scope", false, null), in.password("password", true));
    if (in.valid(ctx)) {
      Actor actor = actor(ctx);
      answer(ctx, 201, s -> s.operators().create(actor, operator));
    }
  }

  public void disableOperator(RoutingContext ctx) {
    operatorDisabled(ctx, true);
  }

  public void enableOperator(RoutingContext ctx) {
    operatorDisabled(ctx, false);
  }

  private void operatorDisabled(RoutingContext ctx, boolean disabled) {
    AdminInput in = AdminInput.of(ctx, Set.of());
    if (in != null && in.valid(ctx)) {
      Actor actor = actor(ctx);
      String username = ctx.pathParam("username");
      answer(ctx, 200, s -> s.operators().setDisabled(actor, username, disabled));
    }
  }

  /** {@code {password?}}: the admin's temporary password, or a random one answered this once. */
  public void resetOperator(RoutingContext ctx) {
    AdminInput in = AdminInput.of(ctx, Set.of("password"));
    if (in == null) {
      return;
    }
    String password = in.password("password", false);
    if (in.valid(ctx)) {
      Actor actor = actor(ctx);
      String username = ctx.pathParam("username");
      answer(ctx, 200, s -> s.operators().reset(actor, username, password));
    }
  }

  public void displayKeys(RoutingContext ctx) {
    Actor actor = actor(ctx);
    answer(ctx, 200, s -> s.keys().list(actor));
  }

  public void createDisplayKey(RoutingContext ctx) {
    AdminInput in = AdminInput.of(ctx, Set.of("label", "scope"));
    if (in == null) {
      return;
    }
    String label = in.text("label", true, null);
    String scope = in.text("scope", false, null);
    if (in.valid(ctx)) {
      Actor actor = actor(ctx);
      answer(ctx, 201, s -> s.keys().create(actor, label, scope));
    }
  }

  public void revokeDisplayKey(RoutingContext ctx) {
    Actor actor = actor(ctx);
    String id = ctx.pathParam("id");
    answer(ctx, 204, s -> s.keys().revoke(actor, id));
  }

  public void export(RoutingContext ctx) {
    Actor actor = actor(ctx);
    AdminClient.run(vertx, s -> s.audit().export(actor)).onSuccess(json -> ctx.response()
            .putHeader("Content-Disposition", "attachment; filename=\"access-export.json\"")
            .putHeader("Content-Type", "application/json").end(json.encodePrettily()))
        .onFailure(ctx::fail);
  }

  /** First start: {@code {secret, username, name, password}} from the one-time link; anyone may try, the secret decides. */
  public void setup(RoutingContext ctx) {
    AdminInput in = AdminInput.of(ctx, Set.of("secret", "username", "name", "password"));
    if (in == null) {
      return;
    }
    String secret = in.password("secret", true);
    String username = in.text("username", true, AdminInput.USERNAME);
    String name = in.text("name", true, null);
    String password = in.password("password", true);
    if (in.valid(ctx)) {
      answer(ctx, 201, s -> s.operators().setup(secret, username, name, password));
    }
  }
}
