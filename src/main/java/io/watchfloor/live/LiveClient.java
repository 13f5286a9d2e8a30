package io.watchfloor.live;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;

/**
 * One wall screen or console connection. While its socket cannot take more, deltas merge into one
 * pending delta and alerts wait in a short queue; both are bounded, so a client that stops reading
 * costs the server a fixed amount of memory until it is closed.
 */
final class LiveClient {
  final ServerWebSocket socket;
  final String who;
  long seq;
  /** The state version the client holds; deltas up to it are already in its snapshot. */
  long version = -1;
  boolean snapshotPending = true;
  JsonObject pendingChanges;
  String pendingAt;
  int pendingMerges;
  final ArrayDeque<byte[]> pendingAlerts = new ArrayDeque<>();
  long lastHeardNanos;

  LiveClient(ServerWebSocket socket, String who, long now) {
    this.socket = socket;
    this.who = who;
    this.lastHeardNanos = now;
  }

  long nextSeq() {
    return ++seq;
  }

  boolean hasPending() {
    return pendingChanges != null || !pendingAlerts.isEmpty();
  }
}
