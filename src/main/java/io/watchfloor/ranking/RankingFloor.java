package io.watchfloor.ranking;

import io.vertx.core.Vertx;

/**
 * The node's floor of the on-time board's red list (红榜门槛), in percent, where the live picture and the review's
 * replay read it on every picture: the ranking verticle puts each stored change here, so a change shows on the
 * next tick without anyone holding a reference to the verticle.
 */
public final class RankingFloor {
  private static final String KEY = "watchfloor.ranking.floor";

  private RankingFloor() {
  }

  static void set(Vertx vertx, int percent) {
    vertx.sharedData().<String, Integer>getLocalMap(KEY).put(KEY, percent);
  }

  /** The floor as a rate (0.8 for 80 %): the node's newest, or {@code fallbackPercent} before the store was read. */
  public static double rate(Vertx vertx, int fallbackPercent) {
    Integer held = vertx.sharedData().<String, Integer>getLocalMap(KEY).get(KEY);
    return (held == null ? fallbackPercent : held) / 100.0;
  }
}
