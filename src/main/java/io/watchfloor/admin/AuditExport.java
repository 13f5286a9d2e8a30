package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.audit.AuditEntry;
import io.watchfloor.audit.AuditQuery;
import io.watchfloor.admin.AdminService.Actor;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.http.ApiError;

import java.time.Clock;
import java.util.List;

/**
 * What an admin reads out of the access store: the audit lines of their subtree, and the whole store
 * as a backup, which only the whole jurisdiction's admin may take.
 */
public final class AuditExport {
  private final Catalogue catalogue;
  private final AccessStore store;
  private final Clock clock;

  AuditExport(Catalogue catalogue, AccessStore store, Clock clock) {
    this.catalogue = catalogue;
    this.store = store;
    this.clock = clock;
  }

  /**
   * A page of the actor's subtree's lines, newest first; {@code query}'s scopes are the actor's. The
   * page says where the next starts when the list goes on.
   */
  public Future<AuditQuery.Page> page(Actor actor, AuditQuery query) {
    List<String> areas = catalogue.root().id().equals(actor.scope()) ? null
        : catalogue.subtreeAreas(actor.scope()).stream().map(Area::id).toList();
    AuditQuery scoped = new AuditQuery(query.from(), query.to(), areas, query.actions(), query.excluded(), query.after(),
        query.limit());
    return store.audit(scoped.probing()).map(found -> AuditQuery.Page.of(found, query.limit()));
  }

  /** The whole store in the access file's shape, for a backup. */
  public Future<JsonObject> export(Actor actor) {
    if (!catalogue.root().id().equals(actor.scope())) {
      return Future.failedFuture(ApiError.forbidden("only an admin of the whole jurisdiction may export"));
    }
    // who took every password hash, and when: an export whose audit line cannot be stored is not given
    return store.load().compose(data -> {
      JsonObject export = AccessSeed.export(data);
      return store.record(AuditEntry.of(clock.instant(), actor.username(), "access.export", "access", catalogue.root().id(),
              null, new JsonObject().put("units", export.getJsonArray("units").size())
                  .put("operators", export.getJsonArray("operators").size())
                  .put("displayKeys", export.getJsonArray("displayKeys").size()).put("version", data.version())))
          .map(v -> export);
    });
  }
}
