package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.watchfloor.bus.Addresses;
import io.watchfloor.bus.Local;

import java.util.function.Function;

/** How the HTTP side asks its node's notify verticle, and gets the answer or the failure back. */
final class NotifyClient {
  /** Longer than a test message's wait for its receiver (SMS: one per phone), however loaded the workers are. */
  private static final DeliveryOptions LOCAL = Local.only(60_000);

  private NotifyClient() {
  }

  @SuppressWarnings("unchecked")
  static <T> Future<T> run(Vertx vertx, Function<ChannelDesk, Future<T>> action) {
    Function<ChannelDesk, Future<?>> erased = action::apply;
    return vertx.eventBus().<NotifyMessages.Done>request(Addresses.NOTIFY_RUN, new NotifyMessages.Run(erased), LOCAL)
        .compose(reply -> reply.body().failure() != null ? Future.failedFuture(reply.body().failure())
            : Future.succeededFuture((T) reply.body().result()));
  }
}
