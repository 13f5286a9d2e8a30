package io.watchfloor.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one rule of every red and black list (红黑榜): the sanitation ranking, the on-time reporting board and
 * the closed loop's ranking all place their entries here, so no page and no list disagrees on who is praised.
 *
 * <ul>
 *   <li>Standard competition ranking, higher is better: equal values share a rank and say they are tied
 *   (1, 1, 3), so a tie never reads as if it had a winner.</li>
 *   <li>The red list is the top {@code redSize} ranks and the black list the bottom {@code blackSize}, ties
 *   taken whole, each only from its own half of the ranked entries, never both.</li>
 *   <li>Only who beats someone is praised, and only who is beaten by someone is named: when every entry
 *   shares one value there is neither a best nor a worst (at 00:30 every town is at 0 % on-time).</li>
 *   <li>Nobody below {@code redFloor} is praised, however it ranks: a list of honour at 0 % is no honour.</li>
 * </ul>
 */
public final class Standings {
  private Standings() {
  }

  /** No floor: any rank may be praised. */
  public static final double NO_FLOOR = Double.NEGATIVE_INFINITY;

  public record Entry(String id, double value) {
  }

  /** An entry's place: its rank (1 the best) and whether another entry shares it. */
  public record Placed(String id, double value, int rank, boolean tied) {
  }

  /** Best first; equal values in the order of their ids. */
  public record View(List<Placed> placed, List<String> red, List<String> black) {
  }

  public static View of(List<Entry> entries, int redSize, int blackSize, double redFloor) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingDouble(Entry::value).reversed().thenComparing(Entry::id));
    List<Placed> placed = new ArrayList<>();
    for (Entry e : sorted) {
      long better = sorted.stream().filter(o -> o.value() > e.value()).count();
      long same = sorted.stream().filter(o -> o.value() == e.value()).count();
      placed.add(new Placed(e.id(), e.value(), (int) better + 1, same > 1));
    }
    // each list draws only from its own half, so a town with few entries never praises its worst
    int half = placed.size() / 2;
    List<String> red = new ArrayList<>();
    for (Placed p : placed) {
      boolean beatsSomeone = placed.stream().anyMatch(o -> o.value() < p.value());
      if (p.rank() <= Math.min(redSize, half) && beatsSomeone && p.value() >= redFloor) {
        red.add(p.id());
      }
    }
    List<String> black = new ArrayList<>();
    for (int i = placed.size() - 1; i >= 0; i--) {
      Placed p = placed.get(i);
      long worse = placed.stream().filter(o -> o.value() < p.value()).count();
      boolean beatenBySomeone = p.rank() > 1;
      if (worse + 1 <= Math.min(blackSize, half) && beatenBySomeone && !red.contains(p.id())) {
        black.add(p.id());
      }
    }
    return new View(placed, red, black);
  }
}
