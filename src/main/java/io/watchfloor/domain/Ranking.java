package io.watchfloor.domain;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The monthly ranking of areas by the average of a gauge (the sanitation score, 打分排名) with its red
 * and black list (红黑榜), placed by {@link Standings}: equal averages share a rank (1, 2, 2, 4) and say so,
 * the lists take ties whole from their own halves; areas without readings are unranked.
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

  /** {@code tied}: another area shares the rank (并列); null rank and false for an area without readings. */
  public record AreaRank(String area, Double value, long readings, Integer rank, boolean tied) {
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
        unranked.add(new AreaRank(area.id(), null, 0, null, false));
      } else {
        ranked.add(new AreaRank(area.id(), Math.round(sum.total() / sum.count() * 10.0) / 10.0, sum.count(), null, false));
      }
    }
    Standings.View standings = Standings.of(ranked.stream().map(r -> new Standings.Entry(r.area(), r.value())).toList(),
        redSize, blackSize, Standings.NO_FLOOR);
    Map<String, Long> readings = new HashMap<>();
    ranked.forEach(r -> readings.put(r.area(), r.readings()));
    List<AreaRank> areas = new ArrayList<>();
    for (Standings.Placed p : standings.placed()) {
      areas.add(new AreaRank(p.id(), p.value(), readings.get(p.id()), p.rank(), p.tied()));
    }
    areas.addAll(unranked);
    return new View(metric, month, areas, standings.red(), standings.black());
  }
}
