package io.watchfloor.live;

import io.netty.buffer.Unpooled;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.json.Json;

import java.nio.charset.StandardCharsets;

/**
 * Text frames built from a per-connection prefix and a shared, already-encoded tail, without copying
 * the tail. Vert.x's public API makes text frames only from Strings, which would re-encode the whole
 * message for every client; the frame class used here is internal to Vert.x 5.0 and pinned with it.
 */
final class Frames {
  private Frames() {
  }

  static WebSocketFrame frame(String type, long seq, byte[] tail) {
    byte[] prefix = ("{\"type\":\"" + type + "\",\"seq\":" + seq).getBytes(StandardCharsets.US_ASCII);
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(prefix, tail), true);
  }

  /** The part of a frame after its seq: {@code ,"at":…,"<field>":<json>}}. */
  static byte[] tail(String at, String field, String json) {
    return (",\"at\":" + Json.encode(at) + ",\"" + field + "\":" + json + "}").getBytes(StandardCharsets.UTF_8);
  }

  static WebSocketFrame ping(String at) {
    return WebSocketFrame.textFrame("{\"type\":\"ping\",\"at\":" + Json.encode(at) + "}", true);
  }
}
