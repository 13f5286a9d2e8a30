package io.watchfloor.web;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The live sockets of one hub, and the one loop that sends to them all. */
final class LiveClients {
  private static final Logger LOG = LoggerFactory.getLogger(LiveClients.class);

  private final Vertx vertx;
  private final Set<LiveClient> clients = new HashSet<>();
  /** The clients as a fan-out walks them, made again only after one came or went, not for every message. */
  private LiveClient[] walk;

  LiveClients(Vertx vertx) {
    this.vertx = vertx;
  }

  void add(LiveClient client) {
    clients.add(client);
    walk = null;
  }

  /** False once the client is forgotten: closing, what it still sends or is sent changes nothing. */
  boolean contains(LiveClient client) {
    return !client.forgotten;
  }

  /** A copy to walk while clients end. */
  List<LiveClient> all() {
    return List.copyOf(clients);
  }

  /** The set itself, for the meters that read its size. */
  Set<LiveClient> view() {
    return clients;
  }

  /** Drops what the client held, its timers included, so a closed client costs nothing. */
  void forget(LiveClient client) {
    if (clients.remove(client)) {
      walk = null;
    }
    client.forgotten = true;
    client.pendingChanges = null;
    client.pendingFrames.clear();
    vertx.cancelTimer(client.resyncTimer);
    vertx.cancelTimer(client.sessionTimer);
    client.resyncTimer = LiveClient.NO_TIMER;
    client.sessionTimer = LiveClient.NO_TIMER;
  }

  /**
   * Every fan-out goes through here. A socket the peer has closed stays listed until its close
   * handler runs, which may be long after its close frame when the peer does not read: Vert.x then
   * refuses even {@code writeQueueFull()} with an exception. Such a client is dropped, and the loop
   * goes on, so one closing screen never costs the others their frame.
   */
  void forEachOpen(Consumer<LiveClient> send) {
    if (walk == null) {
      walk = clients.toArray(new LiveClient[0]);
    }
    for (LiveClient client : walk) {
      if (client.forgotten) {
        continue; // ended by an earlier step of this same loop
      }
      if (client.socket.isClosed()) {
        forget(client);
        continue;
      }
      try {
        send.accept(client);
      } catch (IllegalStateException closedMeanwhile) {
        LOG.debug("live socket of {} closed during a fan-out: {}", client.watcher.who(), closedMeanwhile.getMessage());
        forget(client);
      }
    }
  }
}
