package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.watchfloor.audit.AuditEntry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Channels, routes, the events to route and the outbox (PostgreSQL, or the embedded store for the demo).
 * Only the sending node routes and sends; every node's admin API reads and writes channels and routes.
 */
public interface NotifyStore {
  Future<Void> open();

  default Future<Void> close() {
    return Future.succeededFuture();
  }

  // --- channels and routes ---

  /** Fails with {@link NameTaken} when the scope has a channel of that name. */
  Future<Void> addChannel(Channel channel);

  Future<List<Channel>> channels();

  Future<Optional<Channel>> channel(String id);

  /** Deletes the channel with its routes and all its messages, sent or not; false if there was none. */
  Future<Boolean> deleteChannel(String id);

  /** Stops the channel: its receiver refused the key or the secret. */
  Future<Void> stopChannel(String id, Instant at, String why);

  /** Clears the channel's stop (an admin saved it again): sending starts over. False if there was no channel. */
  Future<Boolean> resumeChannel(String id);

  /** Fails with {@link ChannelGone} when the route's channel does not exist. */
  Future<Void> addRoute(Route route);

  Future<List<Route>> routes();

  Future<Boolean> deleteRoute(String id);

  // --- the admin's changes with their audit line ---

  /**
   * Whether the audited changes below store their audit line in the change's own transaction (PostgreSQL), so a
   * store failing in between (a failover) keeps neither; otherwise (the embedded store, whose audit is the admin
   * verticle's) the caller records the line itself.
   */
  default boolean auditsItself() {
    return false;
  }

  default Future<Void> addChannel(Channel channel, AuditEntry audit) {
    return addChannel(channel);
  }

  /** Audited only when there was a channel to delete. */
  default Future<Boolean> deleteChannel(String id, AuditEntry audit) {
    return deleteChannel(id);
  }

  default Future<Boolean> resumeChannel(String id, AuditEntry audit) {
    return resumeChannel(id);
  }

  default Future<Void> addRoute(Route route, AuditEntry audit) {
    return addRoute(route);
  }

  default Future<Boolean> deleteRoute(String id, AuditEntry audit) {
    return deleteRoute(id);
  }

  // --- events ---

  /**
   * Records an event heard on the bus; an event recorded before (same kind, ref and step) changes nothing. The
   * embedded store, when full of events not yet routed, refuses a new one with {@code StoreUnavailable}. The
   * event's {@link Heard#detail() detail} is kept with it, for {@link #unrouted} to give back.
   * PostgreSQL's triggers have already recorded alert and case events in their own transaction, and this
   * only makes sure; the embedded store has no other way to learn of them.
   */
  Future<Void> heard(Heard event);

  /** The oldest events not yet routed, at most {@code limit}. */
  Future<List<Heard>> unrouted(int limit);

  /**
   * In one transaction: stores the messages (one already stored for its channel and key is left as it is, and
   * one for a channel deleted since it was routed is left out) and marks the events routed. Messages are stored
   * in the order given, which is each channel's sending order. The embedded store, when full of messages not yet
   * sent, refuses the call whole with {@code StoreUnavailable}; the events then stay to be routed.
   */
  Future<Void> routed(List<Heard> events, List<Outgoing> messages);

  // --- the outbox ---

  /** A channel's pending messages, oldest first, at most {@code limit}. */
  Future<List<Outgoing>> pending(String channel, int limit);

  /** The channels with pending messages. */
  Future<List<String>> channelsWithPending();

  /** When each channel sent since {@code since}, for the budgets of a sender that just took over. */
  Future<List<Sent>> sentSince(Instant since);

  // The transitions below move pending messages only: a message already sent, merged or failed stays as it is,
  // so a sending reported twice (by a sender that took over) changes nothing.

  /** The message {@code lead} was sent, carrying {@code merged} too (a digest), at {@code at}. */
  Future<Void> sent(long lead, List<Long> merged, Instant at, String answer);

  /** The messages are to be tried again at {@code nextAt}, one attempt more. */
  Future<Void> retry(List<Long> ids, Instant nextAt, String answer);

  /** The messages failed for good. */
  Future<Void> failed(List<Long> ids, Instant at, String answer);

  /**
   * Every channel, by id: how many pending, sent, merged and failed, and the answer of its latest message done
   * (null with none), for /admin.
   */
  Future<List<ChannelStatus>> status();

  /**
   * Forgets what is done and older than {@code before}: routed events, and messages sent, merged or failed.
   * Returns how many rows went.
   */
  Future<Long> prune(Instant before);

  /** A channel's failed messages, newest first. */
  Future<List<Failure>> failures(String channel, int limit);

  record Sent(String channel, Instant at) {
  }

  record ChannelStatus(String channel, long pending, long sent, long merged, long failed, Instant lastDone,
                       String lastAnswer) {
  }

  record Failure(long id, String key, String kind, Instant createdAt, Instant failedAt, int attempts, String answer) {
  }

  /** The scope has a channel of that name already. */
  final class NameTaken extends RuntimeException {
    public NameTaken(String name) {
      super("a channel of this scope is named " + name + " already", null, false, false);
    }
  }

  /** The route names a channel that does not exist. */
  final class ChannelGone extends RuntimeException {
    public ChannelGone(String id) {
      super("no channel " + id, null, false, false);
    }
  }
}
