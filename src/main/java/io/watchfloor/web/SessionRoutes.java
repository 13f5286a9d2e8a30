package io.watchfloor.web;

import io.watchfloor.http.ApiError;
import io.watchfloor.http.Principal;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.hashing.HashingStrategy;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.sstore.SessionStore;
import io.watchfloor.bus.Addresses;
import io.watchfloor.domain.FieldError;
import io.watchfloor.admin.AdminClient;
import io.watchfloor.admin.AdminService;
import io.watchfloor.admin.OperatorRecord;
import io.watchfloor.domain.StorableText;
import io.watchfloor.domain.StrictJson;
import io.watchfloor.ops.HashSecret;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Operator sign-in. Passwords are checked with PBKDF2 on a worker thread, never on the event loop;
 * an unknown username costs the same as a wrong password, and {@link SignInGuard} bounds the attempts and
 * the hashing. Only a successful sign-in creates a server session, and their number is capped: at the cap
 * a sign-in is refused with 503 rather than signing out someone already on duty.
 */
public final class SessionRoutes {
  private static final int MAX_FIELD = 200;

  private final Vertx vertx;
  private final Authenticator auth;
  private final HashingStrategy hashing = HashingStrategy.load();
  private final SignInGuard guard;
  private final WorkerExecutor hashPool;
  private final SessionStore sessions;
  private final int maxSessions;
  private final Networks trustedProxies;
  /** Made after the start ({@link #decoy}); null until then. */
  private Future<String> decoyHash;
  private static final long DECOY_AFTER_MS = 5000;
  private final PasswordChange passwordChange;

  private SessionRoutes(Vertx vertx, Authenticator auth, Limits limits) {
    this.vertx = vertx;
    this.auth = auth;
    this.guard = limits.guard();
    this.hashPool = limits.hashPool();
    this.sessions = limits.sessions();
    this.maxSessions = limits.maxSessions();
    this.trustedProxies = limits.trustedProxies();
    this.passwordChange = new PasswordChange(vertx, auth, limits);
  }

  /** What bounds sign-in: the attempt budgets, the hashing pool, and the session store with its cap. */
  public record Limits(SignInGuard guard, WorkerExecutor hashPool, SessionStore sessions, int maxSessions,
                       Networks trustedProxies) {
  }

  /**
   * Hashing the decoy takes as long as a real check, so it is made on a worker too, and not during the start:
   * on a cold JIT it took a third of a second of CPU per HTTP instance while the live picture was rebuilt.
   * It is made a few seconds after, or at the first sign-in if that comes sooner. A sign-in waits for it,
   * whoever it names, so the two answers still take alike.
   */
  public static SessionRoutes create(Vertx vertx, Authenticator auth, Limits limits) {
    SessionRoutes routes = new SessionRoutes(vertx, auth, limits);
    // a verticle's timers end with it
    vertx.setTimer(DECOY_AFTER_MS, id -> routes.decoy());
    return routes;
  }

  /** This instance's decoy hash, made once, on its event loop's first call. */
  private Future<String> decoy() {
    if (decoyHash == null) {
      decoyHash = vertx.executeBlocking(() -> HashSecret.password("decoy-" + new SecureRandom().nextLong()), false);
    }
    return decoyHash;
  }

  public void login(RoutingContext ctx) {
    if (ctx.request().getHeader("Origin") != null && !auth.sameOrigin(ctx)) {
      ctx.fail(ApiError.forbidden("cross-site sign-in refused"));
      return;
    }
    Credentials credentials = credentials(ctx);
    if (credentials == null) {
      return;
    }
    String address = trustedProxies.client(ctx.request());
    Optional<ApiError> refused = guard.admit(address, credentials.username());
    if (refused.isPresent()) {
      ctx.fail(refused.get());
      return;
    }
    if (!auth.access().loaded()) {
      ctx.fail(AdminService.notLoadedError());
      return;
    }
    sessions.size()
        .compose(count -> count < maxSessions ? Future.succeededFuture() : Future.failedFuture(sessionsFull()))
        .compose(v -> check(credentials))
        .onSuccess(operator -> signIn(ctx, operator, credentials.username(), address))
        .onFailure(ctx::fail);
  }

  /**
   * The count is read before the session is made, so concurrent sign-ins may pass the cap by as many
   * as the hashing queue holds; the bound stays a bound.
   */
  private static ApiError sessionsFull() {
    return ApiError.unavailable(
        "the server holds as many signed-in sessions as it is configured for; sign out elsewhere or try later", 60);
  }

  private Future<Optional<OperatorRecord>> check(Credentials credentials) {
    return decoy().compose(decoy -> {
      Optional<OperatorRecord> operator = auth.access().operator(credentials.username());
      String hash = operator.map(OperatorRecord::passwordHash).orElse(decoy);
      return guard.hash(hashPool, () -> hashing.verify(hash, credentials.password()))
          .map(ok -> ok ? operator : Optional.empty());
    });
  }

  private record Credentials(String username, String password) {
  }

  private static Credentials credentials(RoutingContext ctx) {
    JsonNode body;
    try {
      body = StrictJson.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
    } catch (StrictJson.MalformedJson e) {
      ctx.fail(ApiError.badRequest(e.getMessage()));
      return null;
    }
    List<FieldError> errors = new ArrayList<>();
    if (!body.isObject()) {
      errors.add(new FieldError("", "must be an object with username and password"));
    } else {
      body.fieldNames().forEachRemaining(f -> {
        if (!f.equals("username") && !f.equals("password")) {
          errors.add(new FieldError(f, "unknown field"));
        }
      });
      for (String field : List.of("username", "password")) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty() || value.asText().length() > MAX_FIELD) {
          errors.add(new FieldError(field, "must be a string of 1 to " + MAX_FIELD + " characters"));
        } else if (field.equals("username")) {
          StorableText.check(field, value.asText()).ifPresent(errors::add);
        }
      }
    }
    if (!errors.isEmpty()) {
      ctx.fail(new ApiError(422, "Unprocessable content", "sign-in needs a username and a password", errors, null));
      return null;
    }
    return new Credentials(body.get("username").asText(), body.get("password").asText());
  }

  /**
   * A failure is audited (the name tried, from where), and the 401 waits until that line is stored or has
   * failed to be: an admin who looks after a refused sign-in finds it in the audit. Answered 401 either way.
   */
  private void signIn(RoutingContext ctx, Optional<OperatorRecord> operator, String username, String address) {
    if (operator.isEmpty()) {
      AdminClient.run(vertx, admin -> admin.operators().signInFailed(username, address))
          .onComplete(audited -> ctx.fail(ApiError.unauthorized("wrong username or password")));
      return;
    }
    // a new id at sign-in, so a session id planted before it is worth nothing after
    ctx.session().regenerateId();
    ctx.session().put(Authenticator.SESSION_OPERATOR, operator.get().username());
    ctx.session().put(Authenticator.SESSION_EPOCH, operator.get().epoch());
    ctx.json(describe(operator.get()));
  }

  /** Who the caller is; a unit also learns its sites, so the field page offers only those. */
  public void whoAmI(RoutingContext ctx) {
    Principal principal = Principal.of(ctx).orElseThrow();
    JsonObject me = new JsonObject().put("kind", principal.kind().name().toLowerCase(Locale.ROOT)).put("id", principal.id())
        .put("name", principal.name()).put("role", principal.role() == null ? null : principal.role().key()).put("scope", principal.scope());
    if (principal.unit() != null) {
      me.put("sites", new JsonArray(List.copyOf(principal.unit().sites())));
    }
    if (principal.kind() == Principal.Kind.OPERATOR) {
      me.put("mustChangePassword", auth.access().operator(principal.id()).map(OperatorRecord::mustChange).orElse(false));
    }
    ctx.json(me);
  }

  /**
   * The hubs hear of the end first, while the id still names the session their sockets were opened with.
   * The 204 waits for the store's delete: the session handler's own, at the end of the response, may land
   * after the answer, and a clustered store would meanwhile still accept the cookie on another node.
   */
  public void logout(RoutingContext ctx) {
    if (Authenticator.hasSessionCookie(ctx) && ctx.session() != null) {
      String id = ctx.session().id();
      if (ctx.session().get(Authenticator.SESSION_OPERATOR) != null) {
        vertx.eventBus().publish(Addresses.SESSION_ENDED, id);
      }
      ctx.session().destroy();
      sessions.delete(id).onComplete(deleted -> ctx.response().setStatusCode(204).end());
      return;
    }
    ctx.response().setStatusCode(204).end();
  }

  /** An operator's own new password: {@link PasswordChange}, within the sign-in's budgets and on its pool. */
  public void changePassword(RoutingContext ctx) {
    passwordChange.change(ctx);
  }

  private static JsonObject describe(OperatorRecord operator) {
    return new JsonObject().put("username", operator.username()).put("name", operator.name())
        .put("role", operator.role().key()).put("scope", operator.scope()).put("mustChangePassword", operator.mustChange());
  }
}
