package io.watchfloor.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.watchfloor.live.JsonDelta;
import io.watchfloor.live.LiveMessages;

import java.util.ArrayDeque;

/**
 * One wall screen or console connection. While its socket cannot take more, deltas merge into one
 * pending delta and alert and case frames wait in a short queue; both are bounded, so a client that stops reading
 * costs the server a fixed amount of memory until it is closed. Resyncs are bounded the same way:
 * at most one snapshot is asked for or waiting at a time.
 */
final class LiveClient {
  static final long NO_TIMER = -1;

  final ServerWebSocket socket;
  final HttpConnection connection;
  final Watcher watcher;
  long seq;
  /** The state version the client holds; deltas up to it are already in its snapshot. */
  long version = -1;
  boolean snapshotPending = true;
  JsonObject pendingChanges;
  String pendingAt;
  int pendingMerges;
  /** Alert and case frames the socket could not take yet, in order, each with its type. */
  final ArrayDeque<Held> pendingFrames = new ArrayDeque<>();
  /** Set once the hub lets go of it (closed or closing): a fan-out already under way skips it. */
  boolean forgotten;
  long lastHeardNanos;
  long lastSnapshotNanos;
  /** A resync that came too soon after the last snapshot, waiting for its turn. */
  long resyncTimer = NO_TIMER;
  /** Ends the socket when the operator's session would have expired. */
  long sessionTimer = NO_TIMER;

  /** A frame sent at once when it can be: an alert or a case, its type and the shared rest of it. */
  record Held(String type, Buffer suffix) {
  }

  LiveClient(ServerWebSocket socket, HttpConnection connection, Watcher watcher, long now) {
    this.socket = socket;
    this.connection = connection;
    this.watcher = watcher;
    this.lastHeardNanos = now;
  }

  long nextSeq() {
    return ++seq;
  }

  boolean hasPending() {
    return pendingChanges != null || !pendingFrames.isEmpty();
  }

  /** Operators see who acted on an alert and their notes; wall screens do not. */
  boolean operator() {
    return watcher.operator();
  }

  /** Merges a delta the socket cannot take now into the one it will get; returns how many are merged. */
  int hold(JsonObject changes, String at) {
    if (pendingChanges == null) {
      pendingChanges = changes.copy();
    } else {
      JsonDelta.merge(pendingChanges, changes);
    }
    pendingAt = at;
    return ++pendingMerges;
  }

  /** The merged delta as one frame's suffix, and nothing held any more. */
  Buffer takeHeld() {
    Buffer suffix = LiveMessages.suffix(pendingAt, "changes", pendingChanges.encode());
    pendingChanges = null;
    pendingMerges = 0;
    return suffix;
  }

  /** Malformed text from a socket is ignored, never thrown on the event loop. */
  static boolean isResync(String text) {
    if (!text.contains("\"resync\"")) {
      return false;
    }
    try {
      return "resync".equals(new JsonObject(text).getValue("type"));
    } catch (DecodeException e) {
      return false;
    }
  }

}
