package io.watchfloor.delivery;

import io.vertx.core.Future;

import java.util.List;
import java.util.function.Function;

/** The notify verticle's node-local messages, passed by reference. */
public final class NotifyMessages {
  private NotifyMessages() {
  }

  /** An admin's request, run on the notify verticle's worker context, where the store and the web client live. */
  public record Run(Function<ChannelDesk, Future<?>> action) {
  }

  /** What a {@link Run} came to: its result, or the failure (an ApiError, most often) to answer with. */
  public record Done(Object result, Throwable failure) {
  }

  public static final List<Class<?>> TYPES = List.of(Run.class, Done.class);
}
