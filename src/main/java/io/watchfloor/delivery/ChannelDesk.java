package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.watchfloor.audit.AuditEntry;
import io.watchfloor.audit.AuditLog;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.http.ApiError;
import io.watchfloor.http.Principal;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The admin's channels and routes, on the notify verticle's context, where the store lives. A channel or route
 * outside the admin's scope is answered as if it did not exist (404), as every admin object is. Every change
 * is stored with its audit line (in one transaction on PostgreSQL, so a failover between the two cannot keep one
 * without the other), the channel as {@link Masked} shows it: the audit never holds a secret either.
 */
public final class ChannelDesk {
  private final NotifyStore store;
  private final Catalogue catalogue;
  private final AuditLog audit;
  private final TestMessage tests;

  ChannelDesk(NotifyStore store, Catalogue catalogue, AuditLog audit, TestMessage tests) {
    this.store = store;
    this.catalogue = catalogue;
    this.audit = audit;
    this.tests = tests;
  }

  /** The admin's channels, newest first, masked, each with how its deliveries stand. */
  public Future<JsonArray> channels(Principal admin) {
    return store.channels().compose(channels -> store.status().map(statuses -> {
      Map<String, NotifyStore.ChannelStatus> byChannel = statuses.stream()
          .collect(Collectors.toMap(NotifyStore.ChannelStatus::channel, Function.identity(), (a, b) -> a));
      JsonArray list = new JsonArray();
      channels.stream().filter(c -> mine(admin, c.scope()))
          .sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
          .forEach(c -> list.add(Masked.channel(c).put("status", status(byChannel.get(c.id())))));
      return list;
    }));
  }

  private static JsonObject status(NotifyStore.ChannelStatus status) {
    if (status == null) {
      return new JsonObject().put("pending", 0).put("sent", 0).put("merged", 0).put("failed", 0)
          .putNull("lastDone").putNull("lastAnswer");
    }
    return new JsonObject().put("pending", status.pending()).put("sent", status.sent()).put("merged", status.merged())
        .put("failed", status.failed()).put("lastDone", status.lastDone() == null ? null : status.lastDone().toString())
        .put("lastAnswer", status.lastAnswer());
  }

  public Future<JsonObject> addChannel(Principal admin, Channel channel) {
    AuditEntry line = audit.line(admin.id(), "channel.create", channel.id(), channel.scope(), null, Masked.channel(channel));
    return store.addChannel(channel, line)
        .recover(e -> Future.failedFuture(e instanceof NotifyStore.NameTaken ? nameTaken() : e))
        .compose(v -> audited(line))
        .map(v -> new JsonObject().put("id", channel.id()));
  }

  public Future<Void> deleteChannel(Principal admin, String id) {
    return owned(admin, id).compose(channel -> {
      AuditEntry line = audit.line(admin.id(), "channel.delete", id, channel.scope(), Masked.channel(channel), null);
      return store.deleteChannel(id, line).compose(deleted -> !deleted ? Future.failedFuture(notFound("channel " + id))
          : audited(line));
    });
  }

  /** Saving a stopped channel again: its receiver's key or secret was mended, sending starts over. */
  public Future<JsonObject> resume(Principal admin, String id) {
    return owned(admin, id).compose(channel -> {
      AuditEntry line = audit.line(admin.id(), "channel.resume", id, channel.scope(), Masked.channel(channel),
          Masked.channel(channel.stopped(null, null)));
      return store.resumeChannel(id, line)
          .compose(found -> !found ? Future.failedFuture(notFound("channel " + id)) : audited(line))
          .map(v -> Masked.channel(channel.stopped(null, null)));
    });
  }

  public Future<JsonArray> failures(Principal admin, String id, int limit) {
    return owned(admin, id).compose(channel -> store.failures(id, limit)).map(failures -> {
      JsonArray list = new JsonArray();
      failures.forEach(f -> list.add(new JsonObject().put("id", f.id()).put("key", f.key()).put("kind", f.kind())
          .put("createdAt", f.createdAt().toString())
          .put("failedAt", f.failedAt() == null ? null : f.failedAt().toString())
          .put("attempts", f.attempts()).put("answer", f.answer())));
      return list;
    });
  }

  /** Sends the test message now and tells what the receiver answered; audited whatever it answered. */
  public Future<JsonObject> test(Principal admin, String id) {
    return owned(admin, id).compose(channel -> tests.send(channel)
        .compose(answer -> audit.record(admin.id(), "channel.test", id, channel.scope(), null,
            answer.copy().put("channel", channel.name())).map(answer)));
  }

  public Future<JsonArray> routes(Principal admin) {
    return store.routes().map(routes -> {
      JsonArray list = new JsonArray();
      routes.stream().filter(r -> mine(admin, r.scope()))
          .sorted((a, b) -> b.createdAt().compareTo(a.createdAt()))
          .forEach(r -> list.add(RouteForm.json(r)));
      return list;
    });
  }

  /** The route's channel must be the admin's, and the route's scope within the channel's: a town's channel never hears another town. */
  public Future<JsonObject> addRoute(Principal admin, Route route) {
    return store.channel(route.channel()).compose(found -> {
      if (found.isEmpty() || !mine(admin, found.get().scope())) {
        return Future.failedFuture(NotifyInput.invalid("channel", "no channel " + route.channel() + " in your scope"));
      }
      if (!catalogue.contains(found.get().scope(), route.scope())) {
        return Future.failedFuture(NotifyInput.invalid("scope", "must be the channel's scope '"
            + found.get().scope() + "' or an area within it"));
      }
      AuditEntry line = audit.line(admin.id(), "route.create", route.id(), route.scope(), null, RouteForm.json(route));
      return store.addRoute(route, line)
          .recover(e -> Future.failedFuture(e instanceof NotifyStore.ChannelGone
              ? NotifyInput.invalid("channel", "no channel " + route.channel() + " in your scope") : e))
          .compose(v -> audited(line))
          .map(v -> new JsonObject().put("id", route.id()));
    });
  }

  public Future<Void> deleteRoute(Principal admin, String id) {
    return store.routes().compose(routes -> {
      Optional<Route> route = routes.stream().filter(r -> r.id().equals(id) && mine(admin, r.scope())).findFirst();
      if (route.isEmpty()) {
        return Future.failedFuture(notFound("route " + id));
      }
      AuditEntry line = audit.line(admin.id(), "route.delete", id, route.get().scope(), RouteForm.json(route.get()), null);
      return store.deleteRoute(id, line).compose(deleted -> !deleted ? Future.failedFuture(notFound("route " + id))
          : audited(line));
    });
  }

  /** The change's audit line, unless the store wrote it in the change's own transaction. */
  private Future<Void> audited(AuditEntry line) {
    return store.auditsItself() ? Future.succeededFuture() : audit.record(line);
  }

  /** The channel, if it exists in the admin's scope; otherwise the 404 of one that does not exist. */
  private Future<Channel> owned(Principal admin, String id) {
    return store.channel(id).compose(found -> found.isPresent() && mine(admin, found.get().scope())
        ? Future.succeededFuture(found.get()) : Future.failedFuture(notFound("channel " + id)));
  }

  private boolean mine(Principal admin, String scope) {
    return catalogue.contains(admin.scope(), scope);
  }

  static ApiError notFound(String what) {
    return new ApiError(404, "Not found", "no " + what + " in your scope");
  }

  /** The same answer whoever holds the name: a name is unique per scope, and the scope is the admin's own. */
  private static ApiError nameTaken() {
    return new ApiError(409, "Conflict", "name is taken by another channel of this scope; choose another",
        java.util.List.of(new io.watchfloor.domain.FieldError("name", "is taken in this scope")), null);
  }
}
