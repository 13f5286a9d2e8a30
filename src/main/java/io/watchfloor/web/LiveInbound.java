package io.watchfloor.web;

import io.vertx.core.Vertx;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What a live client sends: a resync now and then, nothing else. A flood of resyncs gets at most one
 * snapshot per resync gap; anything else ends the socket.
 */
final class LiveInbound {
  /** The protocol's only inbound message is a resync of a few bytes; anything longer is not a client of ours. */
  static final int MAX_INBOUND_CHARS = 256;

  private final Vertx vertx;
  private final LiveClients clients;
  private final LiveEnding ending;
  private final long resyncGapNanos;
  private final Consumer<LiveClient> sendSnapshot;
  private final BiConsumer<LiveClient, String> closeSlow;

  LiveInbound(Vertx vertx, LiveClients clients, LiveEnding ending, long resyncGapNanos,
              Consumer<LiveClient> sendSnapshot, BiConsumer<LiveClient, String> closeSlow) {
    this.vertx = vertx;
    this.clients = clients;
    this.ending = ending;
    this.resyncGapNanos = resyncGapNanos;
    this.sendSnapshot = sendSnapshot;
    this.closeSlow = closeSlow;
  }

  /**
   * A client that cannot take more is closed whatever it says: a resync must not queue a snapshot
   * behind a full queue nor wipe the count that gets a slow client closed.
   */
  void onText(LiveClient client, String text) {
    client.lastHeardNanos = System.nanoTime();
    if (!clients.contains(client)) {
      return; // closing: what it still sends changes nothing
    }
    if (client.socket.isClosed()) {
      clients.forget(client);
      return;
    }
    if (client.socket.writeQueueFull()) {
      closeSlow.accept(client, "write queue full");
    } else if (text.length() > MAX_INBOUND_CHARS) {
      ending.end(client, (short) 1009, "message too big");
    } else if (LiveClient.isResync(text)) {
      resync(client);
    }
  }

  /** At most one snapshot asked for or waiting per client, and one a resync-gap: extra resyncs merge into it. */
  private void resync(LiveClient client) {
    if (client.snapshotPending || client.resyncTimer != LiveClient.NO_TIMER) {
      return;
    }
    long wait = client.lastSnapshotNanos + resyncGapNanos - System.nanoTime();
    if (wait <= 0) {
      sendSnapshot.accept(client);
    } else {
      client.resyncTimer = vertx.setTimer(Math.max(1, wait / 1_000_000), id -> {
        client.resyncTimer = LiveClient.NO_TIMER;
        if (clients.contains(client)) {
          sendSnapshot.accept(client);
        }
      });
    }
  }
}
