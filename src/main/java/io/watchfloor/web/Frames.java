package io.watchfloor.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.json.Json;

import java.nio.charset.StandardCharsets;

/**
 * Text messages made of a per-connection prefix and a shared, already-encoded suffix, each written as
 * one frame. The public API builds a text frame only from a String, which would re-encode the whole
 * message for every client; sending the prefix and the suffix as two fragments of one message cost
 * two writes, two flushes and two system calls per client, which at 10,000 screens was most of the
 * fan-out's time. So the frame is built from bytes: the prefix's ASCII and a copy of the suffix's
 * bytes, with {@link WebSocketFrameImpl}'s byte constructor (Vert.x's own, in its impl package: pinned
 * by the BOM, and the live tests read every frame). The suffix is copied, never encoded again.
 */
final class Frames {
  private Frames() {
  }

  /** Writes {@code {"type":…,"seq":…} + suffix} as one text frame; the prefix is ASCII, so no character is split. */
  static void write(ServerWebSocket socket, String type, long seq, Buffer suffix) {
    socket.writeFrame(frame(type, seq, suffix));
  }

  private static WebSocketFrame frame(String type, long seq, Buffer suffix) {
    byte[] prefix = ("{\"type\":\"" + type + "\",\"seq\":" + seq).getBytes(StandardCharsets.US_ASCII);
    byte[] bytes = new byte[prefix.length + suffix.length()];
    System.arraycopy(prefix, 0, bytes, 0, prefix.length);
    suffix.getBytes(0, suffix.length(), bytes, prefix.length);
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes, true);
  }

  static WebSocketFrame ping(String at) {
    return WebSocketFrame.textFrame("{\"type\":\"ping\",\"at\":" + Json.encode(at) + "}", true);
  }
}
