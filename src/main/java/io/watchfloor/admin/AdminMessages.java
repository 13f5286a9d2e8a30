package io.watchfloor.admin;
import io.watchfloor.audit.AuditEntry;

import io.vertx.core.Future;

import java.util.List;
import java.util.function.Function;

/** The admin verticle's node-local messages, passed by reference. */
public final class AdminMessages {
  private AdminMessages() {
  }

  /** Work to run on the admin verticle's context, where the store and the current picture live. */
  public record Run(Function<AdminService, Future<?>> action) {
  }

  /** What a {@link Run} came to: its result, or the failure to answer with. */
  public record Done(Object result, Throwable failure) {
  }

  /** Asks for the node's current picture: the reply is an {@link AccessView}, or an empty {@link Done} before the first load. */
  public record CurrentRequest() {
  }

  public static final List<Class<?>> TYPES = List.of(Run.class, Done.class, CurrentRequest.class, AccessView.class,
      AuditEntry.class);
}
