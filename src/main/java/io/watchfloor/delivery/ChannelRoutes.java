package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.Role;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.watchfloor.http.Routes;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;

/**
 * The channels and routes of /admin (docs/notify.md), behind the admin role and, for a cookie's state changes,
 * the page's Origin (the authenticator's). Each handler reads its body strictly here, then asks the notify
 * verticle, which checks what needs the store; its failures carry their own status.
 */
public final class ChannelRoutes implements Routes {
  /** An SMS template with its headers fits many times over. */
  private static final int BODY_LIMIT = 16 * 1024;
  private static final int SMALL_BODY = 1024;
  private static final int FAILURES_SHOWN = 50;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final Clock clock;
  private final Function<String, Optional<FieldUnit>> units;

  /** @param units the enabled field unit of an id, as this node's access picture has it */
  public ChannelRoutes(Vertx vertx, Catalogue catalogue, Clock clock, Function<String, Optional<FieldUnit>> units) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.clock = clock;
    this.units = units;
  }

  @Override
  public void mount(Router router, Guards guards) {
    Handler<RoutingContext> admin = guards.requireRole(Role.ADMIN);
    router.get("/api/v1/admin/channels").handler(admin).handler(this::channels);
    Routes.postWithBody(router, "/api/v1/admin/channels", admin, BODY_LIMIT, this::addChannel);
    router.delete("/api/v1/admin/channels/:id").handler(admin).handler(this::deleteChannel);
    router.get("/api/v1/admin/channels/:id/failures").handler(admin).handler(this::failures);
    Routes.postWithBody(router, "/api/v1/admin/channels/:id/test", admin, SMALL_BODY, this::test);
    Routes.postWithBody(router, "/api/v1/admin/channels/:id/resume", admin, SMALL_BODY, this::resume);
    router.get("/api/v1/admin/routes").handler(admin).handler(this::routes);
    Routes.postWithBody(router, "/api/v1/admin/routes", admin, BODY_LIMIT, this::addRoute);
    router.delete("/api/v1/admin/routes/:id").handler(admin).handler(this::deleteRoute);
  }

  private void channels(RoutingContext ctx) {
    Principal admin = admin(ctx);
    answer(ctx, 200, desk -> desk.channels(admin));
  }

  private void addChannel(RoutingContext ctx) {
    Principal admin = admin(ctx);
    Channel channel = ChannelForm.read(NotifyInput.of(ctx, ChannelForm.FIELDS), id("ch-"), admin.scope(), admin.id(),
        catalogue, units, clock.instant());
    answer(ctx, 201, desk -> desk.addChannel(admin, channel));
  }

  private void deleteChannel(RoutingContext ctx) {
    Principal admin = admin(ctx);
    String id = ctx.pathParam("id");
    answer(ctx, 204, desk -> desk.deleteChannel(admin, id));
  }

  private void failures(RoutingContext ctx) {
    Principal admin = admin(ctx);
    String id = ctx.pathParam("id");
    answer(ctx, 200, desk -> desk.failures(admin, id, FAILURES_SHOWN));
  }

  private void test(RoutingContext ctx) {
    Principal admin = admin(ctx);
    String id = ctx.pathParam("id");
    noBody(ctx);
    answer(ctx, 200, desk -> desk.test(admin, id));
  }

  private void resume(RoutingContext ctx) {
    Principal admin = admin(ctx);
    String id = ctx.pathParam("id");
    noBody(ctx);
    answer(ctx, 200, desk -> desk.resume(admin, id));
  }

  private void routes(RoutingContext ctx) {
    Principal admin = admin(ctx);
    answer(ctx, 200, desk -> desk.routes(admin));
  }

  private void addRoute(RoutingContext ctx) {
    Principal admin = admin(ctx);
    Route route = RouteForm.read(NotifyInput.of(ctx, RouteForm.FIELDS), id("rt-"), admin.scope(), admin.id(),
        catalogue, clock.instant());
    answer(ctx, 201, desk -> desk.addRoute(admin, route));
  }

  private void deleteRoute(RoutingContext ctx) {
    Principal admin = admin(ctx);
    String id = ctx.pathParam("id");
    answer(ctx, 204, desk -> desk.deleteRoute(admin, id));
  }

  /** A button's call takes no body: an empty one, or an empty object, and nothing else. */
  private static void noBody(RoutingContext ctx) {
    if (ctx.body().buffer() != null && ctx.body().buffer().length() > 0) {
      NotifyInput.of(ctx, java.util.Set.of()).check();
    }
  }

  private <T> void answer(RoutingContext ctx, int status, Function<ChannelDesk, Future<T>> action) {
    NotifyClient.run(vertx, action).onSuccess(result -> {
      ctx.response().setStatusCode(status);
      if (result == null || status == 204) {
        ctx.response().end();
      } else {
        ctx.json(result);
      }
    }).onFailure(ctx::fail);
  }

  private static Principal admin(RoutingContext ctx) {
    return Principal.of(ctx).orElseThrow();
  }

  /** Made by the server, like a display key's: nothing of the admin's choosing, so nothing of another scope to guess. */
  private static String id(String prefix) {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return prefix + HexFormat.of().formatHex(bytes);
  }
}
