package io.watchfloor.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.hashing.HashingStrategy;
import io.vertx.ext.web.RoutingContext;
import io.watchfloor.admin.AdminClient;
import io.watchfloor.admin.AdminService;
import io.watchfloor.admin.OperatorRecord;
import io.watchfloor.admin.PasswordPolicy;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.StrictJson;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Principal;
import io.watchfloor.ops.HashSecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/session/password}, {@code {currentPassword, password}}: an operator's own new password,
 * the one thing an operator whose password was reset may do. The current password is a guess like a
 * sign-in's, so it spends the same budgets (per address, per username at the address) and is checked on the
 * same small hashing pool, in at most half of its queue: a stolen session is no faster an oracle than the
 * sign-in form, and a flood of wrong guesses never keeps a sign-in out of the pool. The change ends every other
 * session of the operator; this one is re-issued under a new id, as at sign-in.
 */
final class PasswordChange {
  private static final int MAX_FIELD = 200;

  private final Vertx vertx;
  private final Authenticator auth;
  /** The sign-in's own budgets, hashing pool and proxies, shared rather than copied. */
  private final SessionRoutes.Limits signIn;
  private final HashingStrategy hashing = HashingStrategy.load();

  PasswordChange(Vertx vertx, Authenticator auth, SessionRoutes.Limits signIn) {
    this.vertx = vertx;
    this.auth = auth;
    this.signIn = signIn;
  }

  /** What the pool's check found: a new hash, or the field that is wrong and why. */
  private record Checked(String hash, String field, String problem) {
  }

  void change(RoutingContext ctx) {
    Principal principal = Principal.of(ctx).orElseThrow();
    JsonObject body = body(ctx);
    if (body == null) {
      return;
    }
    String current = body.getString("currentPassword");
    String next = body.getString("password");
    Optional<ApiError> refused = signIn.guard().admit(signIn.trustedProxies().client(ctx.request()), principal.id());
    if (refused.isPresent()) {
      ctx.fail(refused.get());
      return;
    }
    Optional<OperatorRecord> operator = auth.access().operator(principal.id());
    if (operator.isEmpty()) {
      ctx.fail(ApiError.unauthorized("sign in again"));
      return;
    }
    OperatorRecord before = operator.get();
    signIn.guard().hashBehindSignIns(signIn.hashPool(), () -> check(before, current, next))
        .compose(checked -> checked.hash() != null ? AdminClient.run(vertx, admin -> admin.operators()
                .changeOwn(before.username(), before.passwordHash(), checked.hash()))
            : Future.failedFuture(AdminService.invalid(checked.field(), checked.problem())))
        .onSuccess(after -> reissue(ctx, after))
        .onFailure(ctx::fail);
  }

  /** On the sign-in pool: the current password first; the policy and the new hash only for the operator themself. */
  private Checked check(OperatorRecord before, String current, String next) {
    if (!hashing.verify(before.passwordHash(), current)) {
      return new Checked(null, "currentPassword", "is not your current password");
    }
    if (next.equals(current)) {
      return new Checked(null, "password", "must differ from the current one");
    }
    Optional<String> problem = PasswordPolicy.problem(next, before.username(), before.name());
    return problem.map(p -> new Checked(null, "password", p)).orElseGet(() -> new Checked(HashSecret.password(next), null, null));
  }

  /**
   * The session goes on in the new epoch under a new id: the old id, if it leaked, is worth nothing now, like
   * every other session of the operator. Its own live sockets end with the others and reconnect with the new cookie.
   */
  private static void reissue(RoutingContext ctx, OperatorRecord after) {
    ctx.session().regenerateId();
    ctx.session().put(Authenticator.SESSION_EPOCH, after.epoch());
    ctx.json(after.toJson());
  }

  private static JsonObject body(RoutingContext ctx) {
    JsonObject body;
    try {
      JsonNode node = StrictJson.parse(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes());
      body = node.isObject() ? new JsonObject(node.toString()) : null;
    } catch (StrictJson.MalformedJson e) {
      ctx.fail(ApiError.badRequest(e.getMessage()));
      return null;
    }
    List<FieldError> errors = new ArrayList<>();
    for (String field : List.of("currentPassword", "password")) {
      Object value = body == null ? null : body.getValue(field);
      if (!(value instanceof String text) || text.isEmpty() || text.length() > MAX_FIELD) {
        errors.add(new FieldError(field, "must be a string of 1 to " + MAX_FIELD + " characters"));
      }
    }
    if (!errors.isEmpty()) {
      ctx.fail(new ApiError(422, "Unprocessable content", "a password change needs currentPassword and password", errors, null));
      return null;
    }
    return body;
  }
}
