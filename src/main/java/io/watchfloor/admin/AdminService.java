package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.domain.Site;
import io.watchfloor.http.ApiError;
import io.watchfloor.ops.HashSecret;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The admin changes of units and display keys, with their checks, on the admin verticle's context.
 * A target outside the admin's scope is answered as if it did not exist (404): a town's admin cannot
 * learn what the district holds. Every change is audited in its own transaction and then applied on
 * every node. Operators are {@link OperatorAdmin}'s.
 */
public final class AdminService {
  /** Seven days: a unit whose phones are all out in the field gets a week to take the new token. */
  public static final int MAX_GRACE_SECONDS = 7 * 24 * 3600;

  /** Who is acting: an admin's username and the area whose subtree they administer. */
  public record Actor(String username, String scope) {
  }

  /** A unit as asked for: its sites one by one, or site kinds within a scope (null: the admin's own). */
  public record UnitInput(String id, String name, String scope, List<String> sites, List<String> siteKinds) {
  }

  final Vertx vertx;
  final Clock clock;
  final Catalogue catalogue;
  final AccessStore store;
  private final Supplier<AccessView> view;
  private final Supplier<Future<Void>> changed;
  private final OperatorAdmin operators;

  AdminService(Vertx vertx, Clock clock, Catalogue catalogue, AccessStore store, Supplier<AccessView> view,
               Supplier<Future<Void>> changed) {
    this.vertx = vertx;
    this.clock = clock;
    this.catalogue = catalogue;
    this.store = store;
    this.view = view;
    this.changed = changed;
    this.operators = new OperatorAdmin(this);
  }

  public OperatorAdmin operators() {
    return operators;
  }

  AccessView view() {
    return view.get();
  }

  /** What a caller with credentials gets before the access store has first answered. */
  public static ApiError notLoadedError() {
    return notLoaded();
  }

  static ApiError notLoaded() {
    return ApiError.unavailable("the access store has not answered yet", 2);
  }

  public static ApiError invalid(String field, String message) {
    return new ApiError(422, "Unprocessable content", field + " " + message, List.of(new FieldError(field, message)), null);
  }

  /**
   * A name or id someone holds, anywhere: the same answer whether the holder is in the caller's scope or not,
   * and whoever holds it, so a town's admin learns no more than that this name cannot be used.
   */
  static ApiError notAvailable(String field) {
    return new ApiError(409, "Conflict", field + " is not available; choose another",
        List.of(new FieldError(field, "is not available; choose another")), null);
  }

  static ApiError notFound(String what) {
    return new ApiError(404, "Not found", "no " + what + " in your scope");
  }

  // --- units ---

  public Future<JsonArray> units(Actor actor) {
    JsonArray list = new JsonArray();
    view().data().units().stream().filter(u -> sees(actor, u)).forEach(u -> list.add(u.toJson(catalogue)));
    return Future.succeededFuture(list);
  }

  /** A unit is a town's when its scope is in the town, or when every site it reaches lies there. */
  boolean sees(Actor actor, UnitRecord unit) {
    if (catalogue.contains(actor.scope(), unit.scope())) {
      return true;
    }
    Set<String> reach = unit.reach(catalogue);
    return !reach.isEmpty() && reach.stream().allMatch(s -> catalogue.containsSite(actor.scope(), s));
  }

  public Future<JsonObject> createUnit(Actor actor, UnitInput in) {
    String scope = in.scope() == null ? actor.scope() : in.scope();
    if (catalogue.area(scope).isEmpty() || !catalogue.contains(actor.scope(), scope)) {
      return Future.failedFuture(invalid("scope", "must be an area within your scope '" + actor.scope() + "'"));
    }
    for (String site : in.sites()) {
      if (catalogue.site(site).isEmpty()) {
        return Future.failedFuture(invalid("sites", "has an unknown site '" + site + "'"));
      }
      if (!catalogue.containsSite(scope, site)) {
        return Future.failedFuture(invalid("sites", "site '" + site + "' is outside the scope '" + scope + "'"));
      }
    }
    for (String kind : in.siteKinds()) {
      if (catalogue.siteKind(kind).isEmpty()) {
        return Future.failedFuture(invalid("siteKinds", "has an unknown site kind '" + kind + "'"));
      }
    }
    Optional<String> outsideNamespace = IdNamespace.problem(catalogue, actor.scope(), in.id(), scope);
    if (outsideNamespace.isPresent()) {
      return Future.failedFuture(invalid("id", outsideNamespace.get()));
    }
    if (view().data().units().stream().anyMatch(u -> u.id().equals(in.id()))) {
      return Future.failedFuture(notAvailable("id"));
    }
    String token = Secrets.token();
    UnitRecord unit = new UnitRecord(in.id(), in.name(), scope, in.sites(), in.siteKinds(), HashSecret.sha256(token),
        null, null, false, false);
    return write(unit, true, audit(actor, "unit.create", unit.id(), unitArea(unit), null, unit.toJson(catalogue)))
        .map(v -> new JsonObject().put("id", unit.id()).put("token", token));
  }

  /** A new token; the old one is still taken for {@code graceSeconds} (0: from now on, refused). */
  public Future<JsonObject> rotate(Actor actor, String id, int graceSeconds) {
    Optional<UnitRecord> found = unit(actor, id);
    if (found.isEmpty()) {
      return Future.failedFuture(notFound("unit " + id));
    }
    UnitRecord before = found.get();
    String token = Secrets.token();
    Instant now = clock.instant();
    UnitRecord after = graceSeconds > 0
        ? before.withToken(HashSecret.sha256(token), before.tokenSha256(), now.plusSeconds(graceSeconds))
        : before.withToken(HashSecret.sha256(token), null, null);
    return write(after, false, audit(actor, "unit.token", id, unitArea(after), before.toJson(catalogue),
            after.toJson(catalogue).put("graceSeconds", graceSeconds)))
        .map(v -> new JsonObject().put("id", id).put("token", token).put("previousTokenUntil",
            after.previousUntil() == null ? null : after.previousUntil().toString()));
  }

  public Future<JsonObject> setUnitDisabled(Actor actor, String id, boolean disabled) {
    Optional<UnitRecord> found = unit(actor, id);
    if (found.isEmpty()) {
      return Future.failedFuture(notFound("unit " + id));
    }
    UnitRecord before = found.get();
    UnitRecord after = before.withDisabled(disabled);
    return write(after, false, audit(actor, disabled ? "unit.disable" : "unit.enable", id, unitArea(after),
        before.toJson(catalogue), after.toJson(catalogue))).map(v -> after.toJson(catalogue));
  }

  private Optional<UnitRecord> unit(Actor actor, String id) {
    return view().data().units().stream().filter(u -> u.id().equals(id) && sees(actor, u)).findFirst();
  }

  /** The lowest area holding the unit's scope-bound sites: the audit line shows to that area's admins and up. */
  String unitArea(UnitRecord unit) {
    Set<String> reach = unit.reach(catalogue);
    if (reach.isEmpty()) {
      return unit.scope();
    }
    List<String> common = null;
    for (String siteId : reach) {
      List<String> path = catalogue.site(siteId).map(Site::area).map(catalogue::path).orElse(List.of());
      if (common == null) {
        common = new ArrayList<>(path);
      } else {
        int i = 0;
        while (i < common.size() && i < path.size() && common.get(i).equals(path.get(i))) {
          i++;
        }
        common = new ArrayList<>(common.subList(0, i));
      }
    }
    return common == null || common.isEmpty() ? catalogue.root().id() : common.get(common.size() - 1);
  }

  // --- display keys ---

  public Future<JsonArray> keys(Actor actor) {
    JsonArray list = new JsonArray();
    view().data().keys().stream().filter(k -> catalogue.contains(actor.scope(), k.scope())).forEach(k -> list.add(k.toJson()));
    return Future.succeededFuture(list);
  }

  public Future<JsonObject> createKey(Actor actor, String label, String scope) {
    String asked = scope == null ? actor.scope() : scope;
    if (catalogue.area(asked).isEmpty() || !catalogue.contains(actor.scope(), asked)) {
      return Future.failedFuture(invalid("scope", "must be an area within your scope '" + actor.scope() + "'"));
    }
    String key = Secrets.token();
    DisplayKeyRecord record = new DisplayKeyRecord(Secrets.id("key-"), label, asked, HashSecret.sha256(key), false, false);
    return write(record, true, audit(actor, "display-key.create", record.id(), asked, null, record.toJson()))
        .map(v -> new JsonObject().put("id", record.id()).put("key", key).put("label", label).put("scope", asked));
  }

  public Future<Void> revokeKey(Actor actor, String id) {
    Optional<DisplayKeyRecord> found = view().data().keys().stream()
        .filter(k -> k.id().equals(id) && catalogue.contains(actor.scope(), k.scope())).findFirst();
    if (found.isEmpty()) {
      return Future.failedFuture(notFound("display key " + id));
    }
    DisplayKeyRecord after = found.get().revoke();
    return write(after, false, audit(actor, "display-key.revoke", id, after.scope(), found.get().toJson(), after.toJson()));
  }

  // --- audit and export ---

  /** At most {@code limit} lines of the actor's subtree, newest first. */
  public Future<List<AuditEntry>> audit(Actor actor, Instant from, Instant to, int limit) {
    List<String> areas = catalogue.root().id().equals(actor.scope()) ? null
        : catalogue.subtreeAreas(actor.scope()).stream().map(Area::id).toList();
    return store.audit(from, to, areas, limit);
  }

  /** The whole store in the access file's shape, for a backup: only the whole jurisdiction's admin may take it. */
  public Future<JsonObject> export(Actor actor) {
    if (!catalogue.root().id().equals(actor.scope())) {
      return Future.failedFuture(ApiError.forbidden("only an admin of the whole jurisdiction may export"));
    }
    // who took every password hash, and when: an export whose audit line cannot be stored is not given
    return store.load().compose(data -> {
      JsonObject export = AccessSeed.export(data);
      return store.record(audit(actor, "access.export", "access", catalogue.root().id(), null, new JsonObject()
              .put("units", export.getJsonArray("units").size()).put("operators", export.getJsonArray("operators").size())
              .put("displayKeys", export.getJsonArray("displayKeys").size()).put("version", data.version())))
          .map(v -> export);
    });
  }

  AuditEntry audit(Actor actor, String action, String target, String scope, JsonObject before, JsonObject after) {
    return AuditEntry.of(clock.instant(), actor.username(), action, target, scope, before, after);
  }

  /** Stores the change with its audit line, then applies it on every node before answering. */
  Future<Void> write(Object record, boolean create, AuditEntry audit) {
    return store.write(record, create, audit)
        .recover(e -> Future.failedFuture(e instanceof AccessStore.AccessConflict c ? notAvailable(c.field())
            : e instanceof AccessStore.LastAdmin last ? new ApiError(409, "Conflict", last.getMessage()
                + "; enable or create another admin of the whole jurisdiction first") : e))
        .compose(v -> applied());
  }

  /** Applies a committed change on every node; a failed reload here is healed by the next poll, the answer stays a success. */
  Future<Void> applied() {
    return changed.get().otherwiseEmpty();
  }
}
