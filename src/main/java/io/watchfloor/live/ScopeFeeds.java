package io.watchfloor.live;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.watchfloor.live.LiveMessages.Delta;
import io.watchfloor.live.LiveMessages.Snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The broadcast side of the live state, one feed per scope a screen has asked for: the state last
 * sent, its version and its snapshot frame. Each interval every feed is computed and encoded once,
 * however many clients watch it, and a scope nobody asked for costs nothing. The caller admits only
 * areas of the tree, so there are at most as many feeds as areas.
 */
final class ScopeFeeds {
  private static final class Feed {
    final String scope;
    JsonObject broadcast;
    long version;
    Snapshot frame;

    Feed(String scope, JsonObject broadcast) {
      this.scope = scope;
      this.broadcast = broadcast;
    }
  }

  private final Map<String, Feed> feeds = new LinkedHashMap<>();

  /** Starts a scope's feed before anyone asks, e.g. the whole jurisdiction's, which is always computed. */
  void open(String scope, Function<String, JsonObject> stateOf) {
    feeds.computeIfAbsent(scope, s -> new Feed(s, stateOf.apply(s)));
  }

  /** The scope's snapshot frame, encoded once per version; the feed starts here if it is new. */
  Snapshot snapshot(String scope, String at, Function<String, JsonObject> stateOf) {
    Feed feed = feeds.computeIfAbsent(scope, s -> new Feed(s, stateOf.apply(s)));
    if (feed.frame == null) {
      feed.frame = new Snapshot(feed.version, LiveMessages.suffix(at, "state", feed.broadcast.encode()),
          LiveMessages.suffix(at, "state", StateJson.forWall(feed.broadcast).encode()));
    }
    return feed.frame;
  }

  /** One delta per scope whose state changed since its last broadcast; none for the others. */
  List<Delta> tick(String at, Function<String, JsonObject> stateOf) {
    List<Delta> deltas = new ArrayList<>();
    for (Feed feed : feeds.values()) {
      JsonObject next = stateOf.apply(feed.scope);
      JsonObject changes = JsonDelta.diff(feed.broadcast, next);
      if (changes.isEmpty()) {
        continue;
      }
      feed.broadcast = next;
      feed.version++;
      feed.frame = null;
      JsonObject wallChanges = StateJson.forWall(changes);
      Buffer suffix = LiveMessages.suffix(at, "changes", changes.encode());
      Buffer wallSuffix = wallChanges == changes ? suffix
          : wallChanges.isEmpty() ? null : LiveMessages.suffix(at, "changes", wallChanges.encode());
      deltas.add(new Delta(feed.scope, feed.version, changes, at, suffix, wallSuffix == null ? null : wallChanges, wallSuffix));
    }
    return deltas;
  }
}
