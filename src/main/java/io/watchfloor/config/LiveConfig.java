package io.watchfloor.config;

import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.ConfigNode;

/**
 * The {@code live} section: how often deltas go out and how much a slow screen may cost.
 *
 * @param closingTimeoutSeconds how long a socket the server closed may keep its TCP connection
 */
public record LiveConfig(long deltaIntervalMs, int pingSeconds, int silentSeconds, int maxPendingMerges,
                         int writeQueueBytes, long resyncGapMs, int closingTimeoutSeconds) {
  /** The {@code live} section given as JSON, with the defaults for what it leaves out. */
  public static LiveConfig of(JsonObject section) {
    return read(Fields.node("live", section));
  }

  static LiveConfig read(ConfigNode live) {
    return new LiveConfig(
        Fields.longInt(live, "delta-interval-ms", 250, 10, 60_000),
        Fields.integer(live, "ping-seconds", 15, 1, 3600),
        Fields.integer(live, "silent-seconds", 30, 2, 3600),
        Fields.integer(live, "max-pending-merges", 240, 1, 100_000),
        Fields.integer(live, "write-queue-bytes", 256 * 1024, 1024, 64 << 20),
        Fields.longInt(live, "resync-gap-ms", 1000, 0, 600_000),
        // after the server's close frame: a peer that never answers it loses its TCP connection this much later
        Fields.integer(live, "closing-timeout-seconds", 2, 1, 600));
  }
}
