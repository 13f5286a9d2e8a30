package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.audit.AuditEntry;
import io.watchfloor.admin.AdminService.Actor;
import io.watchfloor.http.ApiError;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The one way an admin change is made: stored with its audit line in one transaction, then applied on
 * every node before the answer. The unit, key and operator admins share it and nothing else of one another.
 */
final class AccessChanges {
  private final Clock clock;
  private final AccessStore store;
  private final Supplier<AccessView> view;
  private final Supplier<Future<Void>> changed;
  private final FailedSignIns failedSignIns;

  AccessChanges(Clock clock, AccessStore store, Supplier<AccessView> view, Supplier<Future<Void>> changed) {
    this.clock = clock;
    this.store = store;
    this.view = view;
    this.changed = changed;
    this.failedSignIns = new FailedSignIns(store);
  }

  /** The folding of repeated failed sign-ins, which every other change written here interrupts. */
  FailedSignIns failedSignIns() {
    return failedSignIns;
  }

  /** The access picture as this node holds it now. */
  AccessView view() {
    return view.get();
  }

  Instant now() {
    return clock.instant();
  }

  /** An audit line of the actor's change, stamped now. */
  AuditEntry audit(Actor actor, String action, String target, String scope, JsonObject before, JsonObject after) {
    return AuditEntry.of(now(), actor.username(), action, target, scope, before, after);
  }

  /** Stores the change with its audit line, then applies it on every node before answering. */
  Future<Void> write(Object record, boolean create, AuditEntry audit) {
    return store.write(record, create, audit)
        .onSuccess(v -> failedSignIns.changed())
        .recover(e -> Future.failedFuture(e instanceof AccessStore.AccessConflict c ? AdminService.notAvailable(c.field())
            : e instanceof AccessStore.LastAdmin last ? new ApiError(409, "Conflict", last.getMessage()
                + "; enable or create another admin of the whole jurisdiction first") : e))
        .compose(v -> applied());
  }

  /** Applies a committed change on every node; a failed reload here is healed by the next poll, the answer stays a success. */
  Future<Void> applied() {
    return changed.get().otherwiseEmpty();
  }
}
