package io.watchfloor.config;

import io.vertx.core.json.JsonObject;
import io.watchfloor.domain.ConfigNode;

/** The {@code live} section: how often deltas go out and how much a slow screen may cost. */
public record LiveConfig(long deltaIntervalMs, int pingSeconds, int silentSeconds, int maxPendingMerges,
                         int writeQueueBytes, long resyncGapMs) {
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
        Fields.longInt(live, "resync-gap-ms", 1000, 0, 600_000));
  }
}
