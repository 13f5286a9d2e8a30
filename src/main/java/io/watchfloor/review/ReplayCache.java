package io.watchfloor.review;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Shareable;

import java.time.Duration;

/**
 * Past days' replays, encoded, for the next screen of the same scope and kind: a past day is built
 * once, not once per screen. Bounded by size; an entry goes after ten minutes, so a late report
 * (accepted up to the ingest's late window) reaches a replay within that. Today's are never kept.
 * Shared by the node's HTTP instances.
 */
final class ReplayCache implements Shareable {
  private static final Duration KEEP = Duration.ofMinutes(10);

  private final Cache<String, byte[]> replays;

  private ReplayCache(long maxBytes) {
    this.replays = Caffeine.newBuilder().maximumWeight(maxBytes).weigher((String key, byte[] body) -> body.length)
        .expireAfterWrite(KEEP).build();
  }

  static ReplayCache shared(Vertx vertx, int megabytes) {
    return vertx.sharedData().<String, ReplayCache>getLocalMap("watchfloor.replay-cache")
        .computeIfAbsent("cache", k -> new ReplayCache(megabytes * 1024L * 1024L));
  }

  static String key(String scope, java.time.LocalDate date, boolean operator) {
    return scope + '|' + date + '|' + (operator ? "operator" : "wall");
  }

  byte[] get(String key) {
    return replays.getIfPresent(key);
  }

  void put(String key, byte[] body) {
    replays.put(key, body);
  }
}
