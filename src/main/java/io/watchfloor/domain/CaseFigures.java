package io.watchfloor.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The closed loop's figures (按时签收率, 按期处置率, 结案率, 按期结案率, 返工率) per unit or per area of the tree, for a range [from, to).
 *
 * <p>The outcome figures count the cases <em>opened</em> in the range (the period's 立案), as they stand now:
 * of those opened in March, how many were signed for on time, handled on time, closed. A rate is then a
 * share of one cohort and never exceeds 1, however long a case of March took. The figures of the moment
 * ({@code openNow}, {@code overdueNow}, {@code nearDueNow}, {@code parked}) count every case given that is
 * open now, whenever it was opened: the store gives every case opened before {@code to} and still open at
 * {@code from}.
 *
 * <p>By area, a case counts in its own area and in every area above it: each area is the sum of its
 * children and the cases of its own, as the live picture rolls sites up.
 */
public final class CaseFigures {

  /** What is counted, in the order shown; {@link #key()} is the JSON name. */
  public enum Figure {
    OPENED, DISPATCHED, SIGNED, SIGNED_ON_TIME, HANDLED, HANDLED_ON_TIME, CLOSED, CLOSED_ON_TIME, REWORKED, REWORKS,
    EXTENDED, SUPERVISED, URGES, OPEN_NOW, OVERDUE_NOW, NEAR_DUE_NOW, PARKED;

    /** signedOnTime, overdueNow: the camel-case JSON name. */
    public String key() {
      String[] words = name().toLowerCase(Locale.ROOT).split("_");
      StringBuilder key = new StringBuilder(words[0]);
      for (int i = 1; i < words.length; i++) {
        key.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
      }
      return key.toString();
    }
  }

  /** The rates, each a share of two figures, null when there is nothing to share. */
  public enum Rate {
    /** 按时签收率. */
    SIGNED_ON_TIME(Figure.SIGNED_ON_TIME, Figure.SIGNED),
    /** 按期处置率. */
    HANDLED_ON_TIME(Figure.HANDLED_ON_TIME, Figure.HANDLED),
    /** 结案率. */
    CLOSED(Figure.CLOSED, Figure.OPENED),
    /** 按期结案率. */
    CLOSED_ON_TIME(Figure.CLOSED_ON_TIME, Figure.CLOSED),
    /** 返工率. */
    REWORKED(Figure.REWORKED, Figure.HANDLED);

    private final Figure part;
    private final Figure whole;

    Rate(Figure part, Figure whole) {
      this.part = part;
      this.whole = whole;
    }

    /** signedOnTimeRate, closedRate: the figure it shares out, and Rate. */
    public String key() {
      return part.key() + "Rate";
    }
  }

  /** One unit's or area's figures. Immutable. */
  public static final class Counts {
    public static final Counts ZERO = new Counts(new long[Figure.values().length]);
    private final long[] values;

    private Counts(long[] values) {
      this.values = values;
    }

    public long get(Figure figure) {
      return values[figure.ordinal()];
    }

    public Double rate(Rate rate) {
      long whole = get(rate.whole);
      return whole == 0 ? null : (double) get(rate.part) / whole;
    }

    public Counts plus(Counts other) {
      long[] sum = values.clone();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += other.values[i];
      }
      return new Counts(sum);
    }

    /** Every figure by its key, in order. */
    public Map<String, Long> figures() {
      Map<String, Long> map = new LinkedHashMap<>();
      for (Figure f : Figure.values()) {
        map.put(f.key(), get(f));
      }
      return map;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Counts that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return figures().toString();
    }
  }

  private CaseFigures() {
  }

  /** One case's share of the figures of [from, to) at {@code now}. */
  public static Counts of(CaseFile file, Instant from, Instant to, Instant now) {
    long[] v = new long[Figure.values().length];
    CaseFile.Subject s = file.subject();
    CaseFile.Tally t = file.tally();
    if (!s.openedAt().isBefore(from) && s.openedAt().isBefore(to)) {
      boolean closed = file.state() == CaseState.CLOSED;
      set(v, Figure.OPENED, true);
      set(v, Figure.DISPATCHED, file.unit() != null || t.returns() > 0 || t.signedOnTime() != null);
      set(v, Figure.SIGNED, t.signedOnTime() != null);
      set(v, Figure.SIGNED_ON_TIME, Boolean.TRUE.equals(t.signedOnTime()));
      set(v, Figure.HANDLED, t.handledOnTime() != null);
      set(v, Figure.HANDLED_ON_TIME, Boolean.TRUE.equals(t.handledOnTime()));
      set(v, Figure.CLOSED, closed);
      set(v, Figure.CLOSED_ON_TIME, closed && onTimeThroughout(t));
      set(v, Figure.REWORKED, t.reworks() > 0);
      v[Figure.REWORKS.ordinal()] = t.reworks();
      set(v, Figure.EXTENDED, t.extensions() > 0);
      set(v, Figure.SUPERVISED, file.supervision() != null);
      v[Figure.URGES.ordinal()] = t.urges();
    }
    if (file.open()) {
      CaseFile.Clock c = file.clock();
      boolean overdue = c.running() && (c.overdue() || (c.dueAt() != null && now.isAfter(c.dueAt())));
      boolean nearDue = c.running() && !overdue && (c.nearDue() || (c.nearDueAt() != null && !now.isBefore(c.nearDueAt())));
      set(v, Figure.OPEN_NOW, true);
      set(v, Figure.OVERDUE_NOW, overdue);
      set(v, Figure.NEAR_DUE_NOW, nearDue);
      set(v, Figure.PARKED, file.state() == CaseState.PARKED);
    }
    return new Counts(v);
  }

  /** Closed on time: no stage ever ran past its deadline, nor was signed for or handled late. */
  private static boolean onTimeThroughout(CaseFile.Tally t) {
    return !t.everOverdue() && !Boolean.FALSE.equals(t.signedOnTime()) && !Boolean.FALSE.equals(t.handledOnTime());
  }

  private static void set(long[] v, Figure figure, boolean yes) {
    v[figure.ordinal()] = yes ? 1 : 0;
  }

  /** By the unit each case is (or was last) dispatched to; cases never dispatched are in no unit's figures. */
  public static Map<String, Counts> byUnit(List<CaseFile> files, Instant from, Instant to, Instant now) {
    Map<String, Counts> units = new TreeMap<>();
    for (CaseFile file : files) {
      if (file.unit() != null) {
        units.merge(file.unit(), of(file, from, to, now), Counts::plus);
      }
    }
    return units;
  }

  /**
   * Every area of {@code scope}'s subtree, the scope first, each the sum of its children's figures and its
   * own cases'. Cases outside the subtree (or of an area the catalogue no longer has) count nowhere.
   */
  public static Map<String, Counts> byArea(List<CaseFile> files, Catalogue catalogue, String scope, Instant from,
                                           Instant to, Instant now) {
    Map<String, Counts> areas = new LinkedHashMap<>();
    catalogue.subtreeAreas(scope).forEach(a -> areas.put(a.id(), Counts.ZERO));
    for (CaseFile file : files) {
      String area = file.subject().area();
      if (area == null || !catalogue.contains(scope, area)) {
        continue;
      }
      Counts own = of(file, from, to, now);
      List<String> path = catalogue.path(area);
      for (String up : path.subList(path.indexOf(scope), path.size())) {
        areas.merge(up, own, Counts::plus);
      }
    }
    return areas;
  }
}
