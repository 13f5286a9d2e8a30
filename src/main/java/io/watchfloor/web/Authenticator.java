package io.watchfloor.web;

import io.watchfloor.ops.HashSecret;

import io.watchfloor.http.ApiError;
import io.watchfloor.http.Principal;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.watchfloor.domain.Access;
import io.watchfloor.domain.DisplayKey;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.Operator;
import io.watchfloor.domain.Role;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Works out who is calling and guards routes by it. Unit tokens and display keys are compared as
 * SHA-256 digests, so the configuration never holds a usable secret.
 */
public final class Authenticator {
  static final String SESSION_OPERATOR = "operator";
  public static final String SESSION_COOKIE = "wf_session";
  private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  private final Access access;
  private final Map<String, FieldUnit> unitsByTokenHash;
  private final Map<String, DisplayKey> displayByKeyHash;
  private final Set<String> allowedOrigins;

  public Authenticator(Access access, Set<String> allowedOrigins) {
    this.access = access;
    this.unitsByTokenHash = access.units().stream().collect(Collectors.toMap(FieldUnit::tokenSha256, Function.identity()));
    this.displayByKeyHash = access.displayKeys().stream().collect(Collectors.toMap(DisplayKey::keySha256, Function.identity()));
    this.allowedOrigins = allowedOrigins;
  }

  /** Runs first on every API route: finds the caller, if any, and refuses cross-site cookie writes. */
  public void identify(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        ctx.fail(ApiError.unauthorized("use Authorization: Bearer <unit token>"));
        return;
      }
      FieldUnit unit = unitsByTokenHash.get(HashSecret.sha256(authorization.substring(7).trim()));
      if (unit == null) {
        ctx.fail(ApiError.unauthorized("unknown or revoked unit token"));
        return;
      }
      ctx.put(Principal.KEY, new Principal(Principal.Kind.UNIT, unit.id(), unit.name(), null, unit, null));
      ctx.next();
      return;
    }
    // the session is looked up only when the caller sent its cookie: touching it otherwise would make
    // and store a new session, and send a cookie, for every display-key or anonymous call
    Optional<Principal> operator = hasSessionCookie(ctx) ? operator(ctx.session()) : Optional.empty();
    if (operator.isPresent()) {
      if (STATE_CHANGING.contains(ctx.request().method()) && !sameOrigin(ctx)) {
        ctx.fail(ApiError.forbidden("cross-site request refused: a signed-in change must come from this server's own pages"));
        return;
      }
      ctx.put(Principal.KEY, operator.get());
    } else {
      display(ctx.request().getParam("key")).ifPresent(p -> ctx.put(Principal.KEY, p));
    }
    ctx.next();
  }

  static boolean hasSessionCookie(RoutingContext ctx) {
    return ctx.request().getCookie(SESSION_COOKIE) != null;
  }

  private Optional<Principal> operator(Session session) {
    if (session == null || session.get(SESSION_OPERATOR) == null) {
      return Optional.empty();
    }
    return access.operator(session.get(SESSION_OPERATOR))
        .map(o -> new Principal(Principal.Kind.OPERATOR, o.username(), o.name(), o.role(), null, o.scope()));
  }

  public Optional<Principal> display(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(displayByKeyHash.get(HashSecret.sha256(key)))
        .map(d -> new Principal(Principal.Kind.DISPLAY, d.id(), d.name(), Role.VIEWER, null, d.scope()));
  }

  /**
   * SameSite=Strict already keeps the cookie off cross-site requests; checking Origin as well covers
   * old browsers and same-site subdomains.
   */
  public boolean sameOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null) {
      return "same-origin".equals(ctx.request().getHeader("Sec-Fetch-Site"));
    }
    String own = ctx.request().scheme() + "://" + ctx.request().authority();
    return origin.equalsIgnoreCase(own) || allowedOrigins.contains(origin);
  }

  public Handler<RoutingContext> requireUnit() {
    return ctx -> {
      Optional<Principal> principal = Principal.of(ctx);
      if (principal.isEmpty()) {
        ctx.fail(ApiError.unauthorized("send Authorization: Bearer <unit token>"));
      } else if (principal.get().kind() != Principal.Kind.UNIT) {
        ctx.fail(ApiError.forbidden("only field units post reports"));
      } else {
        ctx.next();
      }
    };
  }

  public Handler<RoutingContext> requireRole(Role role) {
    return ctx -> {
      Optional<Principal> principal = Principal.of(ctx);
      if (principal.isEmpty()) {
        ctx.fail(ApiError.unauthorized("sign in, or open the screen with its display key"));
      } else if (principal.get().role() == null || !principal.get().role().atLeast(role)) {
        ctx.fail(ApiError.forbidden("needs the " + role.key() + " role"));
      } else {
        ctx.next();
      }
    };
  }

  public Handler<RoutingContext> requireSignedIn() {
    return ctx -> {
      if (Principal.of(ctx).isEmpty()) {
        ctx.fail(ApiError.unauthorized("sign in, use a unit token, or a display key"));
      } else {
        ctx.next();
      }
    };
  }

  public Optional<Operator> operator(String username) {
    return access.operator(username);
  }
}
