package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

/**
 * The {@code review} section: how much rebuilding past days a node does at once. A replay reads two
 * whole days and rebuilds 24 pictures, so it runs on a few threads of its own, a caller at a time,
 * and a past day's replay, which cannot change, is kept for the next screen that asks.
 *
 * @param replayThreads replays rebuilt at once on the node; one more is refused with 503
 * @param replayPerCaller replays one display key or operator may have running; one more is 429
 * @param replayCacheMb past days' replays kept, in encoded megabytes
 * @param replayPerCallerPerMinute replays one caller may ask for a minute, kept or built; past it 429
 */
public record ReviewConfig(int replayThreads, int replayPerCaller, int replayCacheMb, int replayPerCallerPerMinute) {
  static ReviewConfig read(ConfigNode review) {
    ConfigNode replay = review.field("replay");
    // one thread: on a small machine a second rebuild would take the core the event loops need
    return new ReviewConfig(Fields.integer(replay, "threads", 1, 1, 64),
        Fields.integer(replay, "per-caller", 1, 1, 64),
        Fields.integer(replay, "cache-mb", 32, 0, 4096),
        Fields.integer(replay, "per-caller-per-minute", 30, 1, 100_000));
  }
}
