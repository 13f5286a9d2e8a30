package io.watchfloor.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Role;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.watchfloor.http.Routes;
import io.watchfloor.http.Scopes;
import io.watchfloor.live.LiveMessages.SnapshotRequest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live picture over HTTP: the WebSocket upgrade that hands a socket to this instance's {@link LiveHub},
 * the snapshot of a scope, and the catalogue the pages draw it with.
 */
final class LiveRoutes implements Routes {
  private final Vertx vertx;
  private final Catalogue catalogue;
  private final LiveHub hub;
  private final Authenticator auth;
  /** One per area asked for, so bounded by the tree; built on first use. */
  private final Map<String, JsonObject> catalogJson = new HashMap<>();

  LiveRoutes(Vertx vertx, Catalogue catalogue, LiveHub hub, Authenticator auth) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.hub = hub;
    this.auth = auth;
  }

  @Override
  public void mount(Router router, Guards guards) {
    router.get("/api/v1/catalog").handler(guards.requireSignedIn()).handler(this::catalog);
    router.get("/api/v1/snapshot").handler(guards.requireRole(Role.VIEWER)).handler(this::snapshot);
    router.get("/api/v1/live").handler(guards.requireRole(Role.VIEWER)).handler(this::live);
  }

  /** Origin is checked before the upgrade: a browser always sends it, so a foreign page cannot ride a cookie. */
  private void live(RoutingContext ctx) {
    if (ctx.request().getHeader("Origin") != null && !auth.sameOrigin(ctx)) {
      ctx.fail(ApiError.forbidden("this origin may not open the live feed"));
      return;
    }
    Optional<String> scope = Scopes.resolve(ctx, catalogue);
    if (scope.isEmpty()) {
      return; // refused with 403 before any upgrade
    }
    Principal principal = Principal.of(ctx).orElseThrow();
    // only an operator's: asking a display key's request for its session would create one
    Session session = principal.kind() == Principal.Kind.OPERATOR ? ctx.session() : null;
    // an operator's socket lives within the session it was opened with: sign-out or expiry ends it
    Watcher watcher = session != null
        ? Watcher.operator(principal.id(), session.id(), session.lastAccessed() + session.timeout() - System.currentTimeMillis(),
            scope.get())
        : Watcher.wall(principal.kind(), principal.id(), scope.get());
    if (!asksUpgrade(ctx)) {
      // Vert.x would answer the handshake's own bare-text 400, written past the API's problem answers
      ctx.fail(ApiError.badRequest("the live feed is a WebSocket: send Connection: Upgrade and Upgrade: websocket"));
      return;
    }
    HttpConnection connection = ctx.request().connection();
    ctx.request().toWebSocket()
        .onSuccess(socket -> hub.accept(socket, connection, watcher))
        .onFailure(ctx::fail);
  }

  /** An HTTP/1.1 WebSocket handshake: Connection lists upgrade, Upgrade names websocket, and a key is sent. */
  private static boolean asksUpgrade(RoutingContext ctx) {
    String connection = ctx.request().getHeader("Connection");
    boolean upgrade = connection != null && java.util.Arrays.stream(connection.split(","))
        .anyMatch(token -> token.trim().equalsIgnoreCase("upgrade"));
    return upgrade && "websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))
        && ctx.request().getHeader("Sec-WebSocket-Key") != null;
  }

  /** A field unit sees the whole catalogue, as its field page always has; everyone else their scope's part. */
  private void catalog(RoutingContext ctx) {
    Principal principal = Principal.of(ctx).orElseThrow();
    Optional<String> scope = principal.kind() == Principal.Kind.UNIT ? Optional.of(catalogue.root().id())
        : Scopes.resolve(ctx, catalogue);
    scope.ifPresent(s -> ctx.json(catalogJson.computeIfAbsent(s, id -> CatalogJson.of(catalogue, id))));
  }

  /** The scope's state, as a socket of the same scope would show it after a snapshot. */
  private void snapshot(RoutingContext ctx) {
    Optional<String> scope = Scopes.resolve(ctx, catalogue);
    if (scope.isEmpty()) {
      return;
    }
    boolean operator = Principal.of(ctx).map(p -> p.kind() == Principal.Kind.OPERATOR).orElse(false);
    vertx.eventBus().<JsonObject>request(Addresses.LIVE_SNAPSHOT, new SnapshotRequest(scope.get(), operator),
            Local.only(5000))
        .onSuccess(reply -> ctx.json(reply.body()))
        .onFailure(ctx::fail);
  }
}
