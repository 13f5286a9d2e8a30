package io.watchfloor.live;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * What the live verticle sends the WebSocket hubs. Frames travel pre-encoded: each hub only prefixes
 * a connection's own type and seq, so a broadcast is encoded once, not once per client.
 */
public final class LiveMessages {
  private LiveMessages() {
  }

  /** The changes from state {@code version - 1} to {@code version}; {@code tail} is the encoded rest of the frame. */
  public record Delta(long version, JsonObject changes, String at, byte[] tail) {
  }

  /** The whole state at {@code version}, for a (re)connecting client. */
  public record Snapshot(long version, byte[] tail) {
  }

  /** An alert that fired or changed state; sent at once, outside the coalescing. */
  public record AlertFrame(byte[] tail) {
  }

  public static final List<Class<?>> TYPES = List.of(Delta.class, Snapshot.class, AlertFrame.class);
}
