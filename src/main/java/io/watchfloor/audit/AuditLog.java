package io.watchfloor.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;

import java.time.Clock;

/**
 * Where any feature of this node writes an audit line (who, when, what, before and after): the admin
 * verticle stores it. A change made in a transaction of its own can instead insert its line there with
 * the access store's {@code INSERT_AUDIT} and {@code BUMP_VERSION}, so both commit or neither.
 */
public final class AuditLog {
  private static final DeliveryOptions LOCAL = Local.only(10_000);

  private final Vertx vertx;
  private final Clock clock;

  public AuditLog(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  /**
   * Completes once stored (fails with 503 when the store cannot take it).
   *
   * @param scope the area the change concerns: a town's admin lists the lines of its subtree
   * @param before the target before the change, null when it is new; never a secret or a hash
   * @param after the target after it, null when it is gone
   */
  public Future<Void> record(String actor, String action, String target, String scope, JsonObject before,
                             JsonObject after) {
    return record(line(actor, action, target, scope, before, after));
  }

  /** The line, stamped now, for a store that writes it in the change's own transaction (or for {@link #record(AuditEntry)}). */
  public AuditEntry line(String actor, String action, String target, String scope, JsonObject before, JsonObject after) {
    return AuditEntry.of(clock.instant(), actor, action, target, scope, before, after);
  }

  /** Completes once the admin verticle stored the line (fails with 503 when the store cannot take it). */
  public Future<Void> record(AuditEntry entry) {
    return vertx.eventBus().<Object>request(Addresses.ADMIN_AUDIT, entry, LOCAL).mapEmpty();
  }
}
