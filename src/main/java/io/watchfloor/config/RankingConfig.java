package io.watchfloor.config;

import io.watchfloor.domain.ConfigNode;

/** The {@code ranking} section: the metric of the monthly ranking (红黑榜) and the length of each list. */
public record RankingConfig(String metric, int redSize, int blackSize) {
  static RankingConfig read(ConfigNode ranking) {
    return new RankingConfig(Fields.text(ranking, "metric", "score"),
        Fields.integer(ranking, "red-size", 3, 0, 1000),
        Fields.integer(ranking, "black-size", 3, 0, 1000));
  }
}
