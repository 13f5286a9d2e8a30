package io.watchfloor.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.watchfloor.audit.AuditRoutes;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;

import java.util.function.Function;

/** How the HTTP side asks the admin verticle of its node to do something, and gets its answer or its failure back. */
public final class AdminClient {
  /** Longer than a password hash and a store write, however loaded the workers are. */
  private static final DeliveryOptions LOCAL = Local.only(30_000);

  private AdminClient() {
  }

  @SuppressWarnings("unchecked")
  public static <T> Future<T> run(Vertx vertx, Function<AdminService, Future<T>> action) {
    Function<AdminService, Future<?>> erased = action::apply;
    return vertx.eventBus().<AdminMessages.Done>request(Addresses.ADMIN_RUN, new AdminMessages.Run(erased), LOCAL)
        .compose(reply -> reply.body().failure() != null ? Future.failedFuture(reply.body().failure())
            : Future.succeededFuture((T) reply.body().result()));
  }

  /** The audit's lines as this node's admin verticle reads them from the access store: the reader's subtree only. */
  public static AuditRoutes.Lines auditLines(Vertx vertx) {
    return (reader, query) -> run(vertx,
        s -> s.audit().page(new AdminService.Actor(reader.id(), reader.scope()), query));
  }
}
