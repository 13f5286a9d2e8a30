package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.admin.AdminService.Actor;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Role;
import io.watchfloor.http.ApiError;
import io.watchfloor.ops.HashSecret;
import io.watchfloor.audit.AuditEntry;

import java.util.Optional;

/**
 * Operators: create, disable, enable, reset; an operator's own password change; the first administrator
 * from a setup link. Password hashes and the policy's estimate run on a worker, never on the event loop.
 */
public final class OperatorAdmin {
  private final Vertx vertx;
  private final Catalogue catalogue;
  private final AccessStore store;
  private final AccessChanges changes;

  OperatorAdmin(Vertx vertx, Catalogue catalogue, AccessStore store, AccessChanges changes) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.store = store;
    this.changes = changes;
  }

  /** A new operator as asked for; the password is checked against the policy before anything is stored. */
  public record OperatorInput(String username, String name, Role role, String scope, String password) {
  }

  public Future<JsonArray> list(Actor actor) {
    JsonArray list = new JsonArray();
    changes.view().data().operators().stream().filter(o -> catalogue.contains(actor.scope(), o.scope()))
        .forEach(o -> list.add(o.toJson()));
    return Future.succeededFuture(list);
  }

  public Future<JsonObject> create(Actor actor, OperatorInput in) {
    String scope = in.scope() == null ? actor.scope() : in.scope();
    if (catalogue.area(scope).isEmpty() || !catalogue.contains(actor.scope(), scope)) {
      return Future.failedFuture(AdminService.invalid("scope", "must be an area within your scope '" + actor.scope() + "'"));
    }
    Optional<String> outsideNamespace = IdNamespace.problem(catalogue, actor.scope(), in.username(), scope);
    if (outsideNamespace.isPresent()) {
      return Future.failedFuture(AdminService.invalid("username", outsideNamespace.get()));
    }
    if (changes.view().data().operators().stream().anyMatch(o -> o.username().equals(in.username()))) {
      return Future.failedFuture(AdminService.notAvailable("username"));
    }
    return hashChecked(in.password(), in.username(), in.name()).compose(hash -> {
      // must change at first sign-in: the admin chose this password, the operator must own theirs
      OperatorRecord operator = new OperatorRecord(in.username(), in.name(), in.role(), scope, hash, true, false, 0, false);
      return changes.write(operator, true, changes.audit(actor, "operator.create", operator.username(), scope, null,
          operator.toJson())).map(v -> operator.toJson());
    });
  }

  /** Disabling ends every session and live socket of the operator on every node; enabling does not revive them. */
  public Future<JsonObject> setDisabled(Actor actor, String username, boolean disabled) {
    Optional<OperatorRecord> found = find(actor, username);
    if (found.isEmpty()) {
      return Future.failedFuture(AdminService.notFound("operator " + username));
    }
    if (disabled && username.equals(actor.username())) {
      return Future.failedFuture(AdminService.invalid("username", "is you: another admin must disable you"));
    }
    OperatorRecord after = found.get().withDisabled(disabled);
    return changes.write(after, false, changes.audit(actor, disabled ? "operator.disable" : "operator.enable", username,
        after.scope(), found.get().toJson(), after.toJson())).map(v -> after.toJson());
  }

  /**
   * A temporary password (the admin's, or a new random one, answered this once); the operator must
   * change it at the next sign-in, and their sessions end now.
   */
  public Future<JsonObject> reset(Actor actor, String username, String password) {
    Optional<OperatorRecord> found = find(actor, username);
    if (found.isEmpty()) {
      return Future.failedFuture(AdminService.notFound("operator " + username));
    }
    OperatorRecord before = found.get();
    String temporary = password == null ? Secrets.temporaryPassword() : password;
    return hashChecked(temporary, username, before.name()).compose(hash -> {
      OperatorRecord after = before.withPassword(hash, true, true);
      return changes.write(after, false, changes.audit(actor, "operator.reset", username, after.scope(), before.toJson(),
          after.toJson())).map(v -> after.toJson().put("password", temporary));
    });
  }

  /**
   * The operator's own change, once the HTTP side has checked the current password against {@code checkedHash}
   * (on the sign-in pool, within the sign-in budgets) and hashed the new one. The epoch moves, so every other
   * session and live socket of the operator ends on every node, as on a disable; the caller re-issues its own
   * session in the new epoch. Refused if the password changed since it was checked.
   */
  public Future<OperatorRecord> changeOwn(String username, String checkedHash, String newHash) {
    OperatorRecord before = changes.view().operator(username).orElse(null);
    if (before == null || before.disabled() || !before.passwordHash().equals(checkedHash)) {
      return Future.failedFuture(ApiError.unauthorized("sign in again"));
    }
    OperatorRecord after = before.withPassword(newHash, false, true);
    return changes.write(after, false, AuditEntry.of(changes.now(), username, "operator.password", username,
        after.scope(), before.toJson(), after.toJson())).map(v -> after);
  }

  /**
   * An administrator of the whole jurisdiction from a one-time link: the first one at a first start, or a new
   * one when none is enabled any more (the link printed by {@code --setup-link}).
   */
  public Future<JsonObject> setup(String secret, String username, String name, String password) {
    String root = catalogue.root().id();
    String secretSha256 = HashSecret.sha256(secret);
    // the link first, cheaply: anyone may call this, and a password hash is not theirs to spend
    boolean hasAdmin = changes.view().data().operators().stream().anyMatch(o -> o.role() == Role.ADMIN && !o.disabled()
        && !o.demo() && o.scope().equals(root));
    Future<Void> open = hasAdmin
        ? Future.failedFuture(new AccessStore.SetupRefused("the server already has an enabled admin of the whole jurisdiction"))
        : store.setupOpen(secretSha256, changes.now()).compose(ok -> ok ? Future.<Void>succeededFuture()
            : Future.failedFuture(new AccessStore.SetupRefused("this setup link is unknown, used or expired")));
    return open.compose(v -> hashChecked(password, username, name)).compose(hash -> {
      OperatorRecord first = new OperatorRecord(username, name, Role.ADMIN, root, hash, false, false, 0, false);
      return store.claimSetup(secretSha256, changes.now(), first,
              AuditEntry.of(changes.now(), username, "operator.setup", username, root, null, first.toJson()))
          .compose(v -> changes.applied())
          .map(v -> first.toJson());
    }).recover(e -> Future.failedFuture(e instanceof AccessStore.SetupRefused ? new ApiError(410, "Gone", e.getMessage())
        : e instanceof AccessStore.AccessConflict c ? AdminService.notAvailable(c.field()) : e));
  }

  /** A failed sign-in, audited: the name tried and from where; the scope is the operator's, if one is of that name. */
  public Future<Void> signInFailed(String username, String address) {
    String scope = changes.view().operator(username).map(OperatorRecord::scope).orElse(catalogue.root().id());
    return changes.failedSignIns().record(AuditEntry.of(changes.now(), "anonymous@" + address, "sign-in.failed", username,
        scope, null, null));
  }

  private Optional<OperatorRecord> find(Actor actor, String username) {
    return changes.view().operator(username).filter(o -> catalogue.contains(actor.scope(), o.scope()));
  }

  /** The policy, then PBKDF2 as for every password; a weak one fails with 422 naming {@code password}. */
  private Future<String> hashChecked(String password, String username, String name) {
    return vertx.executeBlocking(() -> {
      Optional<String> problem = PasswordPolicy.problem(password, username, name);
      if (problem.isPresent()) {
        throw AdminService.invalid("password", problem.get());
      }
      return HashSecret.password(password);
    }, false);
  }
}
