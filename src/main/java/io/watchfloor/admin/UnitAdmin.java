package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.admin.AdminService.Actor;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Site;
import io.watchfloor.ops.HashSecret;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Field units: list, create, rotate a token, disable, enable, within the admin's scope. A unit outside
 * it is answered as if it did not exist (404). A token is answered once; the store keeps its hash.
 */
public final class UnitAdmin {
  /** Seven days: a unit whose phones are all out in the field gets a week to take the new token. */
  public static final int MAX_GRACE_SECONDS = 7 * 24 * 3600;

  /** A unit as asked for: its sites one by one, or site kinds within a scope (null: the admin's own). */
  public record UnitInput(String id, String name, String scope, List<String> sites, List<String> siteKinds) {
  }

  private final Catalogue catalogue;
  private final AccessChanges changes;

  UnitAdmin(Catalogue catalogue, AccessChanges changes) {
    this.catalogue = catalogue;
    this.changes = changes;
  }

  public Future<JsonArray> list(Actor actor) {
    JsonArray list = new JsonArray();
    changes.view().data().units().stream().filter(u -> sees(actor, u)).forEach(u -> list.add(u.toJson(catalogue)));
    return Future.succeededFuture(list);
  }

  /** A unit is a town's when its scope is in the town, or when every site it reaches lies there. */
  private boolean sees(Actor actor, UnitRecord unit) {
    if (catalogue.contains(actor.scope(), unit.scope())) {
      return true;
    }
    Set<String> reach = unit.reach(catalogue);
    return !reach.isEmpty() && reach.stream().allMatch(s -> catalogue.containsSite(actor.scope(), s));
  }

  public Future<JsonObject> create(Actor actor, UnitInput in) {
    String scope = in.scope() == null ? actor.scope() : in.scope();
    if (catalogue.area(scope).isEmpty() || !catalogue.contains(actor.scope(), scope)) {
      return Future.failedFuture(AdminService.invalid("scope", "must be an area within your scope '" + actor.scope() + "'"));
    }
    for (String site : in.sites()) {
      if (catalogue.site(site).isEmpty()) {
        return Future.failedFuture(AdminService.invalid("sites", "has an unknown site '" + site + "'"));
      }
      if (!catalogue.containsSite(scope, site)) {
        return Future.failedFuture(AdminService.invalid("sites", "site '" + site + "' is outside the scope '" + scope + "'"));
      }
    }
    for (String kind : in.siteKinds()) {
      if (catalogue.siteKind(kind).isEmpty()) {
        return Future.failedFuture(AdminService.invalid("siteKinds", "has an unknown site kind '" + kind + "'"));
      }
    }
    Optional<String> outsideNamespace = IdNamespace.problem(catalogue, actor.scope(), in.id(), scope);
    if (outsideNamespace.isPresent()) {
      return Future.failedFuture(AdminService.invalid("id", outsideNamespace.get()));
    }
    if (changes.view().data().units().stream().anyMatch(u -> u.id().equals(in.id()))) {
      return Future.failedFuture(AdminService.notAvailable("id"));
    }
    String token = Secrets.token();
    UnitRecord unit = new UnitRecord(in.id(), in.name(), scope, in.sites(), in.siteKinds(), HashSecret.sha256(token),
        null, null, false, false);
    return changes.write(unit, true, changes.audit(actor, "unit.create", unit.id(), unitArea(unit), null, unit.toJson(catalogue)))
        .map(v -> new JsonObject().put("id", unit.id()).put("token", token));
  }

  /** A new token; the old one is still taken for {@code graceSeconds} (0: from now on, refused). */
  public Future<JsonObject> rotate(Actor actor, String id, int graceSeconds) {
    Optional<UnitRecord> found = unit(actor, id);
    if (found.isEmpty()) {
      return Future.failedFuture(AdminService.notFound("unit " + id));
    }
    UnitRecord before = found.get();
    String token = Secrets.token();
    Instant now = changes.now();
    UnitRecord after = graceSeconds > 0
        ? before.withToken(HashSecret.sha256(token), before.tokenSha256(), now.plusSeconds(graceSeconds))
        : before.withToken(HashSecret.sha256(token), null, null);
    return changes.write(after, false, changes.audit(actor, "unit.token", id, unitArea(after), before.toJson(catalogue),
            after.toJson(catalogue).put("graceSeconds", graceSeconds)))
        .map(v -> new JsonObject().put("id", id).put("token", token).put("previousTokenUntil",
            after.previousUntil() == null ? null : after.previousUntil().toString()));
  }

  public Future<JsonObject> setDisabled(Actor actor, String id, boolean disabled) {
    Optional<UnitRecord> found = unit(actor, id);
    if (found.isEmpty()) {
      return Future.failedFuture(AdminService.notFound("unit " + id));
    }
    UnitRecord before = found.get();
    UnitRecord after = before.withDisabled(disabled);
    return changes.write(after, false, changes.audit(actor, disabled ? "unit.disable" : "unit.enable", id, unitArea(after),
        before.toJson(catalogue), after.toJson(catalogue))).map(v -> after.toJson(catalogue));
  }

  private Optional<UnitRecord> unit(Actor actor, String id) {
    return changes.view().data().units().stream().filter(u -> u.id().equals(id) && sees(actor, u)).findFirst();
  }

  /** The lowest area holding the unit's scope-bound sites: the audit line shows to that area's admins and up. */
  private String unitArea(UnitRecord unit) {
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
}
