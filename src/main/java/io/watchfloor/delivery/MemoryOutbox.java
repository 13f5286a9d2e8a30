package io.watchfloor.delivery;

import io.watchfloor.delivery.NotifyStore.ChannelStatus;
import io.watchfloor.delivery.NotifyStore.Failure;
import io.watchfloor.delivery.NotifyStore.Sent;
import io.watchfloor.store.StoreUnavailable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link MemoryNotifyStore}'s outbox: the same states and rules as notify_outbox (V12__notify.sql). Not
 * thread-safe by itself: the store calls it under its own monitor only.
 */
final class MemoryOutbox {
  private static final int RETRY_AFTER_SECONDS = 30;

  private enum State { PENDING, SENT, MERGED, FAILED }

  private record Key(String channel, String key) {
  }

  private static final class Message {
    final long id;
    final Outgoing given;
    State state = State.PENDING;
    int attempts;
    Instant nextAt;
    Instant doneAt;
    String answer;
    long mergedInto;

    Message(long id, Outgoing given) {
      this.id = id;
      this.given = given;
      this.attempts = given.attempts();
      this.nextAt = given.nextAt();
    }

    boolean done() {
      return state != State.PENDING;
    }

    Outgoing outgoing() {
      // a copy of the notice: a caller that changes its message must not change the stored one
      return new Outgoing(id, given.channel(), given.key(), given.kind(), given.notice().copy(), given.createdAt(),
          attempts, nextAt);
    }
  }

  private final int maxMessages;
  /** By id: the order they were stored in, which is each channel's sending order. */
  private final TreeMap<Long, Message> messages = new TreeMap<>();
  /** PostgreSQL's UNIQUE (channel, key). */
  private final Map<Key, Long> ids = new HashMap<>();
  /**
   * Each channel's pending messages by id, as PostgreSQL's partial index notify_outbox_pending_idx: the sender
   * asks for them every round, and a scan of the whole outbox per channel would hold the store's monitor long.
   */
  private final Map<String, TreeMap<Long, Message>> pendingByChannel = new HashMap<>();
  private long lastId;

  MemoryOutbox(int maxMessages) {
    this.maxMessages = maxMessages;
  }

  int size() {
    return messages.size();
  }

  /**
   * Stores the messages whose channel and key are new (once each, the first of a call's duplicates), making
   * room by forgetting done messages, oldest first. Refuses them all, changing nothing, when the pending ones
   * would not fit.
   */
  void add(List<Outgoing> given) {
    Map<Key, Outgoing> fresh = new LinkedHashMap<>();
    for (Outgoing message : given) {
      Key key = new Key(message.channel(), message.key());
      if (!ids.containsKey(key)) {
        fresh.putIfAbsent(key, message);
      }
    }
    int over = messages.size() + fresh.size() - maxMessages;
    if (over > 0) {
      List<Long> done = messages.values().stream().filter(Message::done).limit(over).map(m -> m.id).toList();
      if (done.size() < over) {
        long pending = messages.values().stream().filter(m -> !m.done()).count();
        throw new StoreUnavailable("the embedded store's outbox holds " + pending + " messages not yet sent, and "
            + fresh.size() + " more do not fit in " + maxMessages
            + "; run with the PostgreSQL store", RETRY_AFTER_SECONDS, null);
      }
      done.forEach(this::remove);
    }
    fresh.forEach((key, message) -> {
      long id = ++lastId;
      Message stored = new Message(id, new Outgoing(id, message.channel(), message.key(), message.kind(),
          message.notice().copy(), message.createdAt(), message.attempts(), message.nextAt()));
      messages.put(id, stored);
      ids.put(key, id);
      pendingByChannel.computeIfAbsent(message.channel(), c -> new TreeMap<>()).put(id, stored);
    });
  }

  private void remove(long id) {
    Message gone = messages.remove(id);
    if (gone != null) {
      ids.remove(new Key(gone.given.channel(), gone.given.key()));
      notPending(gone);
    }
  }

  private void notPending(Message message) {
    TreeMap<Long, Message> pending = pendingByChannel.get(message.given.channel());
    if (pending != null) {
      pending.remove(message.id);
      if (pending.isEmpty()) {
        pendingByChannel.remove(message.given.channel());
      }
    }
  }

  /** A deleted channel's messages, as the foreign key's ON DELETE CASCADE. */
  void forget(String channel) {
    messages.values().stream().filter(m -> m.given.channel().equals(channel)).map(m -> m.id).toList()
        .forEach(this::remove);
  }

  List<Outgoing> pending(String channel, int limit) {
    TreeMap<Long, Message> pending = pendingByChannel.get(channel);
    return pending == null ? List.of() : pending.values().stream().limit(limit).map(Message::outgoing).toList();
  }

  List<String> channelsWithPending() {
    return List.copyOf(new TreeSet<>(pendingByChannel.keySet()));
  }

  List<Sent> sentSince(Instant since) {
    return messages.values().stream().filter(m -> m.state == State.SENT && !m.doneAt.isBefore(since))
        .sorted(Comparator.comparing((Message m) -> m.doneAt).thenComparingLong(m -> m.id))
        .map(m -> new Sent(m.given.channel(), m.doneAt)).toList();
  }

  /** Only a pending message moves: a second report of the same sending (after a takeover) changes nothing. */
  void sent(long lead, List<Long> merged, Instant at, String answer) {
    Message sent = pending(lead);
    if (sent != null) {
      done(sent, State.SENT, at, answer);
      sent.attempts++;
    }
    for (long id : merged) {
      Message carried = pending(id);
      if (carried != null) {
        done(carried, State.MERGED, at, answer);
        carried.mergedInto = lead;
      }
    }
  }

  void retry(List<Long> ids, Instant nextAt, String answer) {
    for (long id : ids) {
      Message message = pending(id);
      if (message != null) {
        message.attempts++;
        message.nextAt = nextAt;
        message.answer = answer;
      }
    }
  }

  void failed(List<Long> ids, Instant at, String answer) {
    for (long id : ids) {
      Message message = pending(id);
      if (message != null) {
        done(message, State.FAILED, at, answer);
      }
    }
  }

  private Message pending(long id) {
    Message message = messages.get(id);
    return message != null && message.state == State.PENDING ? message : null;
  }

  private void done(Message message, State state, Instant at, String answer) {
    notPending(message);
    message.state = state;
    message.doneAt = at;
    message.answer = answer;
  }

  /** The channels' status in one pass over the outbox, however many channels: as PostgreSQL's grouped query. */
  List<ChannelStatus> status(List<String> channels) {
    Map<String, long[]> counts = new HashMap<>();
    Map<String, Message> last = new HashMap<>();
    channels.forEach(c -> counts.put(c, new long[State.values().length]));
    for (Message m : messages.values()) {
      long[] count = counts.get(m.given.channel());
      if (count != null) {
        count[m.state.ordinal()]++;
        // the latest done_at, and of two at the same instant the later message, as PostgreSQL's ORDER BY
        Message latest = last.get(m.given.channel());
        if (m.doneAt != null && (latest == null || !m.doneAt.isBefore(latest.doneAt))) {
          last.put(m.given.channel(), m);
        }
      }
    }
    return channels.stream().map(c -> {
      long[] count = counts.get(c);
      Message latest = last.get(c);
      return new ChannelStatus(c, count[State.PENDING.ordinal()], count[State.SENT.ordinal()],
          count[State.MERGED.ordinal()], count[State.FAILED.ordinal()], latest == null ? null : latest.doneAt,
          latest == null ? null : latest.answer);
    }).toList();
  }

  /** Forgets the messages done before {@code before}; a pending one stays, however old. */
  long prune(Instant before) {
    long gone = 0;
    for (Iterator<Message> it = messages.values().iterator(); it.hasNext(); ) {
      Message m = it.next();
      if (m.done() && m.doneAt.isBefore(before)) {
        it.remove();
        ids.remove(new Key(m.given.channel(), m.given.key()));
        gone++;
      }
    }
    return gone;
  }

  List<Failure> failures(String channel, int limit) {
    List<Message> failed = new ArrayList<>(messages.values().stream()
        .filter(m -> m.state == State.FAILED && m.given.channel().equals(channel)).toList());
    failed.sort(Comparator.comparing((Message m) -> m.doneAt).thenComparingLong(m -> m.id).reversed());
    return failed.stream().limit(limit).map(m -> new Failure(m.id, m.given.key(), m.given.kind(),
        m.given.createdAt(), m.doneAt, m.attempts, m.answer)).toList();
  }

  /** The digest a merged message went in, 0 for none: for tests, as the interface does not show it. */
  long mergedInto(long id) {
    Message message = messages.get(id);
    return message == null ? 0 : message.mergedInto;
  }
}
