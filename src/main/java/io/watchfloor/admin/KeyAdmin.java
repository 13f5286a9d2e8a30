package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.admin.AdminService.Actor;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.ops.HashSecret;

import java.util.Optional;

/**
 * Display keys: list, create, revoke, within the admin's scope. A key outside it is answered as if it
 * did not exist (404). The key itself is answered once, at its creation; the store keeps its hash.
 */
public final class KeyAdmin {
  private final Catalogue catalogue;
  private final AccessChanges changes;

  KeyAdmin(Catalogue catalogue, AccessChanges changes) {
    this.catalogue = catalogue;
    this.changes = changes;
  }

  public Future<JsonArray> list(Actor actor) {
    JsonArray list = new JsonArray();
    changes.view().data().keys().stream().filter(k -> catalogue.contains(actor.scope(), k.scope()))
        .forEach(k -> list.add(k.toJson()));
    return Future.succeededFuture(list);
  }

  public Future<JsonObject> create(Actor actor, String label, String scope) {
    String asked = scope == null ? actor.scope() : scope;
    if (catalogue.area(asked).isEmpty() || !catalogue.contains(actor.scope(), asked)) {
      return Future.failedFuture(AdminService.invalid("scope", "must be an area within your scope '" + actor.scope() + "'"));
    }
    String key = Secrets.token();
    DisplayKeyRecord record = new DisplayKeyRecord(Secrets.id("key-"), label, asked, HashSecret.sha256(key), false, false);
    return changes.write(record, true, changes.audit(actor, "display-key.create", record.id(), asked, null, record.toJson()))
        .map(v -> new JsonObject().put("id", record.id()).put("key", key).put("label", label).put("scope", asked));
  }

  public Future<Void> revoke(Actor actor, String id) {
    Optional<DisplayKeyRecord> found = changes.view().data().keys().stream()
        .filter(k -> k.id().equals(id) && catalogue.contains(actor.scope(), k.scope())).findFirst();
    if (found.isEmpty()) {
      return Future.failedFuture(AdminService.notFound("display key " + id));
    }
    DisplayKeyRecord after = found.get().revoke();
    return changes.write(after, false, changes.audit(actor, "display-key.revoke", id, after.scope(),
        found.get().toJson(), after.toJson()));
  }
}
