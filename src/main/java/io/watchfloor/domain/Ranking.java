package io.watchfloor.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The monthly ranking of areas by the average of a gauge (the sanitation score, 打分排名) with its red
 * and black list (红黑榜). Equal averages share a rank (1, 2, 2, 4); areas without readings are unranked.
 * The red list is the top {@code redSize} ranks and the black list the bottom {@code blackSize}, ties
 * included, each taken from its own half of the ranked areas.
 */
public final class Ranking {
  private Ranking() {
  }

  /** Running sum and count of readings, so an average can be kept without keeping every reading. */
  public record Sum(double total, long count) {
    public static final Sum EMPTY = new Sum(0, 0);

    public Sum plus(double value) {
      return new Sum(total + value, count + 1);
    }

    public Sum plus(Sum other) {
      return new Sum(total + other.total, count + other.count);
    }
  }

  public record AreaRank(String area, Double value, long readings, Integer rank) {
  }

  public record View(String metric, YearMonth month, List<AreaRank> areas, List<String> red, List<String> black) {
  }

  /**
   * Ranks the child areas of {@code scope}: a town's villages, or the district's towns. Readings are
   * keyed by the area of the site they came from, and count for the child of scope above that area, so
   * a town's mean is that of every reading in it, the same readings that rank its villages. Readings of
   * sites hung on the scope itself rank no child.
   */
  public static View rank(Catalogue catalogue, String scope, String metric, YearMonth month,
                          Map<String, Sum> bySiteArea, int redSize, int blackSize) {
    Map<String, Sum> byChild = new HashMap<>();
    bySiteArea.forEach((area, sum) -> catalogue.childToward(scope, area)
        .ifPresent(child -> byChild.merge(child.id(), sum, Sum::plus)));
    List<AreaRank> ranked = new ArrayList<>();
    List<AreaRank> unranked = new ArrayList<>();
    for (Area area : catalogue.children(scope)) {
      Sum sum = byChild.getOrDefault(area.id(), Sum.EMPTY);
      if (sum.count() == 0) {
        unranked.add(new AreaRank(area.id(), null, 0, null));
      } else {
        ranked.add(new AreaRank(area.id(), Math.round(sum.total() / sum.count() * 10.0) / 10.0, sum.count(), null));
      }
    }
    ranked.sort(Comparator.comparing(AreaRank::value).reversed().thenComparing(AreaRank::area));
    List<AreaRank> areas = new ArrayList<>();
    for (int i = 0; i < ranked.size(); i++) {
      AreaRank r = ranked.get(i);
      int rank = i > 0 && r.value().equals(ranked.get(i - 1).value()) ? areas.get(i - 1).rank() : i + 1;
      areas.add(new AreaRank(r.area(), r.value(), r.readings(), rank));
    }
    // each list draws only from its own half, so a town with few scores never praises its worst
    int half = areas.size() / 2;
    List<String> red = new ArrayList<>();
    List<String> black = new ArrayList<>();
    for (AreaRank r : areas) {
      if (r.rank() <= Math.min(redSize, half)) {
        red.add(r.area());
      }
    }
    for (int i = areas.size() - 1; i >= 0; i--) {
      AreaRank r = areas.get(i);
      long rankFromBottom = 1 + areas.stream().filter(o -> o.value() < r.value()).count();
      if (rankFromBottom <= Math.min(blackSize, half) && !red.contains(r.area())) {
        black.add(r.area());
      }
    }
    areas.addAll(unranked);
    return new View(metric, month, areas, red, black);
  }
}
