package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

/**
 * The {@code ranking} section: the metric of the monthly ranking (红黑榜), the length of each list, and the floor
 * (percent) below which no area is on the on-time board's red list until an admin sets another in /admin.
 */
public record RankingConfig(String metric, int redSize, int blackSize, int onTimeRedFloor) {
  /** Four in five sites on time: below it a town is not held up as an example, whatever its rank. */
  public static final int DEFAULT_ON_TIME_RED_FLOOR = 80;

  static RankingConfig read(ConfigNode ranking) {
    return new RankingConfig(Fields.text(ranking, "metric", "score"),
        Fields.integer(ranking, "red-size", 3, 0, 1000),
        Fields.integer(ranking, "black-size", 3, 0, 1000),
        Fields.integer(ranking, "on-time-red-floor", DEFAULT_ON_TIME_RED_FLOOR, 0, 100));
  }
}
