package io.watchfloor.delivery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.watchfloor.store.StoreUnavailable;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The delivery store in this process's memory, for the embedded demo: one node, gone with it.
 *
 * <p>One instance is shared by the verticles of a node (the admin API's and the sender's), which call it from
 * their own event loops and workers, so every call runs whole under the instance's monitor ({@code synchronized}):
 * a call is as atomic as PostgreSQL's transaction, and no caller sees half of another's change. Each call is a
 * few map operations and never waits for anything, so holding the monitor cannot stall an event loop.
 *
 * <p>Bounded: at most {@code maxEvents} events and {@code maxMessages} messages. When full, what is done makes
 * room, oldest first (routed events; sent, merged or failed messages). What is still to do is never dropped:
 * with none done to forget, the call is refused with {@link StoreUnavailable} (503, try again later) and
 * changes nothing, so the event's source or the router keeps it and tries again.
 */
public final class MemoryNotifyStore implements NotifyStore {
  public static final int MAX_EVENTS = 10_000;
  public static final int MAX_MESSAGES = 50_000;
  private static final int RETRY_AFTER_SECONDS = 30;

  private final int maxEvents;
  private final MemoryOutbox outbox;
  private final Map<String, Channel> channels = new HashMap<>();
  private final Map<String, Route> routes = new HashMap<>();
  /** By id, which is the order they were heard in. */
  private final TreeMap<Long, Event> events = new TreeMap<>();
  /** The events' identity, as PostgreSQL's UNIQUE (kind, ref, step): a record, so a ':' in a ref cannot alias. */
  private final Map<EventKey, Long> eventIds = new HashMap<>();
  private long lastEventId;

  private record EventKey(String kind, String ref, String step) {
  }

  private static final class Event {
    final Heard heard;
    boolean routed;

    Event(Heard heard) {
      this.heard = heard;
    }
  }

  public MemoryNotifyStore() {
    this(MAX_EVENTS, MAX_MESSAGES);
  }

  public MemoryNotifyStore(int maxEvents, int maxMessages) {
    this.maxEvents = maxEvents;
    this.outbox = new MemoryOutbox(maxMessages);
  }

  @Override
  public Future<Void> open() {
    return Future.succeededFuture();
  }

  // --- channels and routes ---

  @Override
  public synchronized Future<Void> addChannel(Channel channel) {
    return attempt(() -> {
      if (channels.values().stream().anyMatch(c -> c.scope().equals(channel.scope()) && c.name().equals(channel.name()))) {
        throw new NameTaken(channel.name());
      }
      if (channels.putIfAbsent(channel.id(), channel) != null) {
        // ids are made by the server (random), so a second one is a bug, not a user's mistake
        throw new IllegalStateException("a channel " + channel.id() + " exists already");
      }
      return null;
    });
  }

  @Override
  public synchronized Future<List<Channel>> channels() {
    return Future.succeededFuture(channels.values().stream()
        .sorted(Comparator.comparing(Channel::createdAt).thenComparing(Channel::id)).toList());
  }

  @Override
  public synchronized Future<Optional<Channel>> channel(String id) {
    return Future.succeededFuture(Optional.ofNullable(channels.get(id)));
  }

  /** As PostgreSQL's ON DELETE CASCADE: the routes and every message of the channel go with it. */
  @Override
  public synchronized Future<Boolean> deleteChannel(String id) {
    if (channels.remove(id) == null) {
      return Future.succeededFuture(false);
    }
    routes.values().removeIf(route -> route.channel().equals(id));
    outbox.forget(id);
    return Future.succeededFuture(true);
  }

  @Override
  public synchronized Future<Void> stopChannel(String id, Instant at, String why) {
    channels.computeIfPresent(id, (key, channel) -> channel.stopped(at, why));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Boolean> resumeChannel(String id) {
    return Future.succeededFuture(channels.computeIfPresent(id, (key, channel) -> channel.stopped(null, null)) != null);
  }

  @Override
  public synchronized Future<Void> addRoute(Route route) {
    return attempt(() -> {
      if (!channels.containsKey(route.channel())) {
        throw new ChannelGone(route.channel());
      }
      if (routes.putIfAbsent(route.id(), route) != null) {
        throw new IllegalStateException("a route " + route.id() + " exists already");
      }
      return null;
    });
  }

  @Override
  public synchronized Future<List<Route>> routes() {
    return Future.succeededFuture(routes.values().stream()
        .sorted(Comparator.comparing(Route::createdAt).thenComparing(Route::id)).toList());
  }

  @Override
  public synchronized Future<Boolean> deleteRoute(String id) {
    return Future.succeededFuture(routes.remove(id) != null);
  }

  // --- events ---

  @Override
  public synchronized Future<Void> heard(Heard event) {
    return attempt(() -> {
      EventKey key = new EventKey(event.kind(), event.ref(), event.step());
      if (eventIds.containsKey(key)) {
        return null;
      }
      if (events.size() >= maxEvents && !forgetOldestRouted()) {
        throw new StoreUnavailable("the embedded store holds " + maxEvents + " events not yet routed; "
            + "run with the PostgreSQL store", RETRY_AFTER_SECONDS, null);
      }
      long id = ++lastEventId;
      events.put(id, new Event(new Heard(id, event.kind(), event.ref(), event.step(), event.at(), copy(event.detail()))));
      eventIds.put(key, id);
      return null;
    });
  }

  private boolean forgetOldestRouted() {
    for (Iterator<Event> it = events.values().iterator(); it.hasNext(); ) {
      Event event = it.next();
      if (event.routed) {
        it.remove();
        eventIds.remove(new EventKey(event.heard.kind(), event.heard.ref(), event.heard.step()));
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized Future<List<Heard>> unrouted(int limit) {
    return Future.succeededFuture(events.values().stream().filter(e -> !e.routed).limit(limit)
        .map(e -> new Heard(e.heard.id(), e.heard.kind(), e.heard.ref(), e.heard.step(), e.heard.at(),
            copy(e.heard.detail())))
        .toList());
  }

  /** The detail is a caller's mutable JSON: the store keeps, and hands out, copies of its own. */
  private static JsonObject copy(JsonObject detail) {
    return detail == null ? null : detail.copy();
  }

  /** All or nothing: the outbox takes every new message or refuses them all, and only then are the events marked. */
  @Override
  public synchronized Future<Void> routed(List<Heard> routedEvents, List<Outgoing> messages) {
    return attempt(() -> {
      outbox.add(messages.stream().filter(m -> channels.containsKey(m.channel())).toList());
      routedEvents.forEach(e -> {
        Event event = events.get(e.id());
        if (event != null) {
          event.routed = true;
        }
      });
      return null;
    });
  }

  // --- the outbox ---

  @Override
  public synchronized Future<List<Outgoing>> pending(String channel, int limit) {
    return Future.succeededFuture(outbox.pending(channel, limit));
  }

  @Override
  public synchronized Future<List<String>> channelsWithPending() {
    return Future.succeededFuture(outbox.channelsWithPending());
  }

  @Override
  public synchronized Future<List<Sent>> sentSince(Instant since) {
    return Future.succeededFuture(outbox.sentSince(since));
  }

  @Override
  public synchronized Future<Void> sent(long lead, List<Long> merged, Instant at, String answer) {
    outbox.sent(lead, merged, at, answer);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> retry(List<Long> ids, Instant nextAt, String answer) {
    outbox.retry(ids, nextAt, answer);
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> failed(List<Long> ids, Instant at, String answer) {
    outbox.failed(ids, at, answer);
    return Future.succeededFuture();
  }

  /** Every channel, as PostgreSQL's status lists them: by id, with zeros for one that has no messages. */
  @Override
  public synchronized Future<List<ChannelStatus>> status() {
    return Future.succeededFuture(outbox.status(channels.keySet().stream().sorted().toList()));
  }

  @Override
  public synchronized Future<Long> prune(Instant before) {
    long gone = 0;
    for (Iterator<Event> it = events.values().iterator(); it.hasNext(); ) {
      Event event = it.next();
      if (event.routed && event.heard.at().isBefore(before)) {
        it.remove();
        eventIds.remove(new EventKey(event.heard.kind(), event.heard.ref(), event.heard.step()));
        gone++;
      }
    }
    return Future.succeededFuture(gone + outbox.prune(before));
  }

  @Override
  public synchronized Future<List<Failure>> failures(String channel, int limit) {
    return Future.succeededFuture(outbox.failures(channel, limit));
  }

  /** A refusal as a failed future, as the PostgreSQL store gives it, rather than thrown at the caller. */
  private static <T> Future<T> attempt(Supplier<T> call) {
    try {
      return Future.succeededFuture(call.get());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** For tests: how many events and messages are kept, done or not. */
  synchronized int[] sizes() {
    return new int[] {events.size(), outbox.size()};
  }

  /** For tests: the digest a merged message went in, 0 for none. */
  synchronized long mergedInto(long id) {
    return outbox.mergedInto(id);
  }
}
