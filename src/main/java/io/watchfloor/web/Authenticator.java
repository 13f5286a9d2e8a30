package io.watchfloor.web;

import io.watchfloor.admin.AccessView;
import io.watchfloor.admin.AdminService;
import io.watchfloor.admin.OperatorRecord;
import io.watchfloor.ops.HashSecret;

import io.watchfloor.http.ApiError;
import io.watchfloor.http.Guards;
import io.watchfloor.http.Principal;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.watchfloor.domain.FieldUnit;
import io.watchfloor.domain.Role;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Works out who is calling and guards routes by it. Unit tokens and display keys are compared as
 * SHA-256 digests, so the store never holds a usable secret. Who may do what is the {@link AccessPicture}
 * it is given. Until the store has first answered there is no picture: a caller with credentials is
 * told to come back (503), never let in on a guess.
 */
public final class Authenticator implements Guards {
  static final String SESSION_OPERATOR = "operator";
  /** The operator's epoch at sign-in: a disable or a reset moves it, and the session ends. */
  static final String SESSION_EPOCH = "epoch";
  /** What an operator who must change their password may still do. */
  private static final Set<String> MUST_CHANGE_ALLOWED = Set.of("GET /api/v1/session", "POST /api/v1/session",
      "DELETE /api/v1/session", "POST /api/v1/session/password");
  public static final String SESSION_COOKIE = "wf_session";
  private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

  private final AccessPicture access;
  private final Set<String> allowedOrigins;
  private final Clock clock;

  public Authenticator(AccessPicture access, Set<String> allowedOrigins, Clock clock) {
    this.access = access;
    this.allowedOrigins = allowedOrigins;
    this.clock = clock;
  }

  /** The picture this guard reads, kept current on its own. */
  public AccessPicture access() {
    return access;
  }

  /** Runs first on every API route: finds the caller, if any, and refuses cross-site cookie writes. */
  public void identify(RoutingContext ctx) {
    AccessView view = access.current();
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        ctx.fail(ApiError.unauthorized("use Authorization: Bearer <unit token>"));
        return;
      }
      if (view == null) {
        ctx.fail(AdminService.notLoadedError());
        return;
      }
      FieldUnit unit = view.unit(HashSecret.sha256(authorization.substring(7).trim()), clock.instant()).orElse(null);
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
    boolean credentials = hasSessionCookie(ctx) || ctx.request().getParam("key") != null;
    if (view == null && credentials) {
      ctx.fail(AdminService.notLoadedError());
      return;
    }
    Optional<OperatorRecord> operator = hasSessionCookie(ctx) ? operator(view, ctx.session()) : Optional.empty();
    if (operator.isPresent()) {
      if (STATE_CHANGING.contains(ctx.request().method()) && !sameOrigin(ctx)) {
        ctx.fail(ApiError.forbidden("cross-site request refused: a signed-in change must come from this server's own pages"));
        return;
      }
      OperatorRecord o = operator.get();
      if (o.mustChange() && !MUST_CHANGE_ALLOWED.contains(ctx.request().method().name() + " " + ctx.request().path())) {
        ctx.fail(ApiError.forbidden("change your password first (POST /api/v1/session/password)"));
        return;
      }
      ctx.put(Principal.KEY, new Principal(Principal.Kind.OPERATOR, o.username(), o.name(), o.role(), null, o.scope()));
    } else if (view != null) {
      display(view, ctx.request().getParam("key")).ifPresent(p -> ctx.put(Principal.KEY, p));
    }
    ctx.next();
  }

  static boolean hasSessionCookie(RoutingContext ctx) {
    return ctx.request().getCookie(SESSION_COOKIE) != null;
  }

  /** The session's operator, while enabled and in the epoch the session began in. */
  private static Optional<OperatorRecord> operator(AccessView view, Session session) {
    if (session == null || session.get(SESSION_OPERATOR) == null || view == null) {
      return Optional.empty();
    }
    Integer epoch = session.get(SESSION_EPOCH);
    return view.activeOperator(session.get(SESSION_OPERATOR), epoch == null ? 0 : epoch);
  }

  public Optional<Principal> display(String key) {
    return display(access.current(), key);
  }

  private static Optional<Principal> display(AccessView view, String key) {
    if (key == null || key.isEmpty() || view == null) {
      return Optional.empty();
    }
    return view.display(HashSecret.sha256(key))
        .map(d -> new Principal(Principal.Kind.DISPLAY, d.id(), d.label(), Role.VIEWER, null, d.scope()));
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

  /** A signed-in operator, whatever the role: not a unit, not a screen. */
  public Handler<RoutingContext> requireOperator() {
    return ctx -> {
      Optional<Principal> principal = Principal.of(ctx);
      if (principal.isEmpty()) {
        ctx.fail(ApiError.unauthorized("sign in"));
      } else if (principal.get().kind() != Principal.Kind.OPERATOR) {
        ctx.fail(ApiError.forbidden("only a signed-in operator may do this"));
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
}
