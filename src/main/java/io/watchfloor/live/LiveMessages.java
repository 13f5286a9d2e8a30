package io.watchfloor.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;

import java.util.List;

/**
 * What the live verticle sends the WebSocket hubs. Frames travel pre-encoded: each hub only prefixes
 * a connection's own type and seq, so a broadcast is encoded once, not once per client. Each comes
 * in two cuts, encoded once each: the whole one for operators, and one for wall screens without
 * who acted on an alert and their notes.
 */
public final class LiveMessages {
  private LiveMessages() {
  }

  /**
   * The changes from state {@code version - 1} to {@code version}; {@code tail} is the encoded rest
   * of the frame. The wall cut is null when only officer text changed: walls get no frame for it.
   */
  public record Delta(long version, JsonObject changes, String at, Buffer tail, JsonObject wallChanges, Buffer wallTail) {
    public JsonObject changes(boolean operator) {
      return operator ? changes : wallChanges;
    }

    public Buffer tail(boolean operator) {
      return operator ? tail : wallTail;
    }
  }

  /** The whole state at {@code version}, for a (re)connecting client. */
  public record Snapshot(long version, Buffer tail, Buffer wallTail) {
    public Buffer tail(boolean operator) {
      return operator ? tail : wallTail;
    }
  }

  /** An alert that fired or changed state; sent at once, outside the coalescing. */
  public record AlertFrame(Buffer tail, Buffer wallTail) {
    /** One cut for everyone, for an alert with no officer text in it. */
    public AlertFrame(byte[] tail) {
      this(Buffer.buffer(tail), Buffer.buffer(tail));
    }

    public Buffer tail(boolean operator) {
      return operator ? tail : wallTail;
    }
  }

  /** The part of a frame after its seq, {@code ,"at":…,"<field>":<json>}}: what a hub shares between clients. */
  public static Buffer tail(String at, String field, String json) {
    return Buffer.buffer((",\"at\":" + Json.encode(at) + ",\"" + field + "\":" + json + "}").getBytes(StandardCharsets.UTF_8));
  }

  public static final List<Class<?>> TYPES = List.of(Delta.class, Snapshot.class, AlertFrame.class);
}
