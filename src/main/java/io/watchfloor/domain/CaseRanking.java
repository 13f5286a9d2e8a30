package io.watchfloor.domain;

import io.watchfloor.domain.CaseFigures.Figure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The closed loop's monthly ranking (综合评价) of units or areas, beside the sanitation ranking and drawn the
 * same way ({@link Standings}): a score from the case figures, equal scores share a rank, a red list of the best
 * and a black list of the worst, each from its own half. Who had no case to judge is unranked.
 *
 * <p>The score (0–100) weighs the rates of {@link CaseFigures} (each as its {@code Rate} shares it out): signed on time 20 %, handled on time 30 %,
 * closed on time 30 %, and not reworked 20 %. A rate with nothing to share out (no case signed for yet)
 * gives its weight to the others, so a unit is judged on what it did, not on what it was not yet given.
 */
public final class CaseRanking {
  private CaseRanking() {
  }

  /** A rate as {@link CaseFigures.Rate} shares it: {@code part} of {@code whole}. */
  private record Part(Figure part, Figure whole, double weight, boolean inverse) {
  }

  private static final List<Part> PARTS = List.of(
      new Part(Figure.SIGNED_ON_TIME, Figure.SIGNED, 0.2, false),
      new Part(Figure.HANDLED_ON_TIME, Figure.HANDLED, 0.3, false),
      new Part(Figure.CLOSED_ON_TIME, Figure.CLOSED, 0.3, false),
      new Part(Figure.REWORKED, Figure.HANDLED, 0.2, true));

  /** One unit's or area's place: its score (null: nothing to judge), its cases opened, its rank. */
  public record Ranked(String id, Double score, long opened, Integer rank, boolean tied) {
  }

  public record View(List<Ranked> ranked, List<String> red, List<String> black) {
  }

  /**
   * The score of one unit's or area's figures, keyed as {@link Figure#key()} names them (a figure missing is
   * 0), to one place; null when no rate can be had.
   */
  public static Double score(Map<String, ? extends Number> figures) {
    double sum = 0;
    double weights = 0;
    for (Part part : PARTS) {
      long whole = count(figures, part.whole());
      if (whole > 0) {
        double rate = (double) count(figures, part.part()) / whole;
        sum += part.weight() * (part.inverse() ? 1 - rate : rate);
        weights += part.weight();
      }
    }
    return weights == 0 ? null : Math.round(sum / weights * 1000) / 10.0;
  }

  private static long count(Map<String, ? extends Number> figures, Figure figure) {
    Number n = figures.get(figure.key());
    return n == null ? 0 : n.longValue();
  }

  /**
   * Ranks every entry, best first; the unranked follow in the order given.
   *
   * @param figures by unit or area id, in the order to show the unranked in
   */
  public static View rank(Map<String, ? extends Map<String, ? extends Number>> figures, int redSize, int blackSize) {
    List<Ranked> scored = new ArrayList<>();
    List<Ranked> unranked = new ArrayList<>();
    figures.forEach((id, counts) -> {
      Double score = score(counts);
      Ranked r = new Ranked(id, score, count(counts, Figure.OPENED), null, false);
      (score == null ? unranked : scored).add(r);
    });
    Standings.View standings = Standings.of(scored.stream().map(r -> new Standings.Entry(r.id(), r.score())).toList(),
        redSize, blackSize, Standings.NO_FLOOR);
    Map<String, Long> opened = new HashMap<>();
    scored.forEach(r -> opened.put(r.id(), r.opened()));
    List<Ranked> ranked = new ArrayList<>();
    for (Standings.Placed p : standings.placed()) {
      ranked.add(new Ranked(p.id(), p.value(), opened.get(p.id()), p.rank(), p.tied()));
    }
    ranked.addAll(unranked);
    return new View(ranked, standings.red(), standings.black());
  }
}
