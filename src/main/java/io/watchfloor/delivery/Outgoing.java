package io.watchfloor.delivery;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * One message of the outbox: for one channel, one event ({@code key}, stable), what to say ({@code notice},
 * see {@code Notices}), how often it was tried and when it may be tried again.
 */
public record Outgoing(long id, String channel, String key, String kind, JsonObject notice, Instant createdAt,
                       int attempts, Instant nextAt) {

  /** A message not yet stored. */
  public static Outgoing of(String channel, String key, String kind, JsonObject notice, Instant at) {
    return new Outgoing(0, channel, key, kind, notice, at, 0, at);
  }
}
