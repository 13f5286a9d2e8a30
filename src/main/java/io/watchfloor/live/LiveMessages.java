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
   * The changes of one scope's state from {@code version - 1} to {@code version} (versions count per
   * scope); {@code suffix} is the encoded rest of the frame. The wall cut is null when only officer
   * text changed: walls get no frame for it.
   */
  public record Delta(String scope, long version, JsonObject changes, String at, Buffer suffix, JsonObject wallChanges,
                      Buffer wallSuffix) {
    public JsonObject changes(boolean operator) {
      return operator ? changes : wallChanges;
    }

    public Buffer suffix(boolean operator) {
      return operator ? suffix : wallSuffix;
    }
  }

  /** What a hub sends to {@code live.snapshot.frame}: the scope whose state a (re)connecting client needs. */
  public record SnapshotFrameRequest(String scope) {
  }

  /** What GET /api/v1/snapshot asks {@code live.snapshot} for: a scope already checked, and whose cut. */
  public record SnapshotRequest(String scope, boolean operator) {
  }

  /** A scope's whole state at {@code version}, for a (re)connecting client. */
  public record Snapshot(long version, Buffer suffix, Buffer wallSuffix) {
    public Buffer suffix(boolean operator) {
      return operator ? suffix : wallSuffix;
    }
  }

  /**
   * An alert that fired or changed state; sent at once, outside the coalescing, to the screens whose
   * scope holds its {@code area}. An alert of no known area goes to the whole jurisdiction's only.
   */
  public record AlertFrame(String area, Buffer suffix, Buffer wallSuffix) {
    /** One cut for everyone, for an alert with no officer text in it and no area. */
    public AlertFrame(byte[] suffix) {
      this(null, Buffer.buffer(suffix), Buffer.buffer(suffix));
    }

    public Buffer suffix(boolean operator) {
      return operator ? suffix : wallSuffix;
    }
  }

  /**
   * A case that was opened or changed, sent at once to the screens whose scope holds its {@code area}
   * (docs/live-protocol.md, the {@code case} frame): the whole case for consoles, its wall cut for screens.
   */
  public record CaseFrame(String area, Buffer suffix, Buffer wallSuffix) {
    public Buffer suffix(boolean operator) {
      return operator ? suffix : wallSuffix;
    }
  }

  /** The part of a frame after its seq, {@code ,"at":…,"<field>":<json>}}: what a hub shares between clients. */
  public static Buffer suffix(String at, String field, String json) {
    return Buffer.buffer((",\"at\":" + Json.encode(at) + ",\"" + field + "\":" + json + "}").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The reports the live picture has just counted, each once, from this node's commits or the commit
   * tail: what every node's flag check sees.
   */
  public record Counted(List<io.watchfloor.domain.Report> reports) {
    public Counted {
      reports = List.copyOf(reports);
    }
  }

  public static final List<Class<?>> TYPES = List.of(Delta.class, Snapshot.class, AlertFrame.class, CaseFrame.class,
      SnapshotRequest.class, SnapshotFrameRequest.class, Counted.class);
}
