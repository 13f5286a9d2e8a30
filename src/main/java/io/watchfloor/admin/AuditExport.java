package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.admin.AdminService.Actor;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.http.ApiError;

import java.time.Instant;
import java.util.List;

/**
 * What an admin reads out of the access store: the audit lines of their subtree, and the whole store
 * as a backup, which only the whole jurisdiction's admin may take.
 */
public final class AuditExport {
  private final Catalogue catalogue;
  private final AccessStore store;

  AuditExport(Catalogue catalogue, AccessStore store) {
    this.catalogue = catalogue;
    this.store = store;
  }

  /** At most {@code limit} lines of the actor's subtree, newest first. */
  public Future<List<AuditEntry>> lines(Actor actor, Instant from, Instant to, int limit) {
    List<String> areas = catalogue.root().id().equals(actor.scope()) ? null
        : catalogue.subtreeAreas(actor.scope()).stream().map(Area::id).toList();
    return store.audit(from, to, areas, limit);
  }

  /** The whole store in the access file's shape, for a backup. */
  public Future<JsonObject> export(Actor actor) {
    if (!catalogue.root().id().equals(actor.scope())) {
      return Future.failedFuture(ApiError.forbidden("only an admin of the whole jurisdiction may export"));
    }
    return store.load().map(AccessSeed::export);
  }
}
