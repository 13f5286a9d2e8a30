package io.watchfloor.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.Json;

/**
 * Text messages made of a per-connection prefix and a shared, already-encoded suffix. The public API
 * builds a text frame only from a String, which would re-encode the whole message for every client;
 * so each message goes as two fragments of one message (RFC 6455 §5.4): a short text frame with the
 * prefix, then a final continuation frame holding the suffix. {@code continuationFrame} takes the
 * shared Buffer by a slice of it, without copying, and every client reassembles one message.
 */
final class Frames {
  private Frames() {
  }

  /** Writes {@code {"type":…,"seq":…} + suffix} as one message; the prefix is ASCII, so no character is split. */
  static void write(ServerWebSocket socket, String type, long seq, Buffer suffix) {
    socket.writeFrame(WebSocketFrame.textFrame("{\"type\":\"" + type + "\",\"seq\":" + seq, false));
    socket.writeFrame(WebSocketFrame.continuationFrame(suffix, true));
  }

  static WebSocketFrame ping(String at) {
    return WebSocketFrame.textFrame("{\"type\":\"ping\",\"at\":" + Json.encode(at) + "}", true);
  }
}
