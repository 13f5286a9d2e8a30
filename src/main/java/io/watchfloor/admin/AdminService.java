package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.FieldError;
import io.watchfloor.http.ApiError;
import io.watchfloor.ops.HashSecret;
import io.watchfloor.audit.AuditEntry;

import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * The admin's parts on the admin verticle's context, which an {@link AdminClient} action is handed:
 * {@link UnitAdmin}, {@link KeyAdmin}, {@link OperatorAdmin} and {@link AuditExport}. A target outside the
 * admin's scope is answered as if it did not exist (404): a town's admin cannot learn what the district
 * holds. Every change is audited in its own transaction and then applied on every node.
 */
public final class AdminService {
  /** Who is acting: an admin's username and the area whose subtree they administer. */
  public record Actor(String username, String scope) {
  }

  private final AccessChanges changes;
  private final UnitAdmin units;
  private final KeyAdmin keys;
  private final OperatorAdmin operators;
  private final AuditExport audit;

  AdminService(Vertx vertx, Clock clock, Catalogue catalogue, AccessStore store, Supplier<AccessView> view,
               Supplier<Future<Void>> changed) {
    this.changes = new AccessChanges(clock, store, view, changed);
    this.units = new UnitAdmin(catalogue, changes);
    this.keys = new KeyAdmin(catalogue, changes);
    this.operators = new OperatorAdmin(vertx, catalogue, store, changes);
    this.audit = new AuditExport(catalogue, store, clock);
  }

  public UnitAdmin units() {
    return units;
  }

  public KeyAdmin keys() {
    return keys;
  }

  /** An audit line other than a failed sign-in was written: later tries start a new folded line. */
  void otherLineWritten() {
    changes.failedSignIns().changed();
  }

  public OperatorAdmin operators() {
    return operators;
  }

  public AuditExport audit() {
    return audit;
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
}
