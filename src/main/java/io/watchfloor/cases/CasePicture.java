package io.watchfloor.cases;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The open cases as the live screens show them, at one moment: what {@code cases.picture} carries from
 * {@link CasePictureVerticle} to the live verticle of the same node. Immutable, and shared by reference
 * between the two event loops; every case in it is already cut for a wall ({@link CaseJson#forWall}), so no
 * description, note or name can reach a screen from here.
 *
 * <p>Counted once when it is made, per the area each case belongs to: a scope's figures are the sums over
 * its subtree's areas, however many scopes are watched.
 */
public final class CasePicture {
  /** One open case: its wall cut and what the counts need. Parked cases have no running deadline. */
  public record Shown(String id, String area, String state, boolean nearDue, boolean overdue, Instant dueAt,
                      int version, JsonObject wall) {
    /** Overdue and counted so: a parked case is out of the overdue figures. */
    public boolean countsOverdue() {
      return overdue && !"parked".equals(state);
    }

    public boolean countsNearDue() {
      return nearDue && !overdue && !"parked".equals(state);
    }
  }

  /** The open cases of one area (its own, not its subtree's). */
  public record Counts(int open, int overdue, int nearDue) {
    public static final Counts ZERO = new Counts(0, 0, 0);

    public Counts plus(Counts other) {
      return new Counts(open + other.open, overdue + other.overdue, nearDue + other.nearDue);
    }
  }

  /**
   * Today's on-time figures of one area, its subtree included, as the case figures count them: of the
   * cases signed for today, how many in time; of those closed today, how many within every deadline.
   */
  public record DayRates(int signed, int signedOnTime, int closed, int closedOnTime) {
    public static final DayRates NONE = new DayRates(0, 0, 0, 0);

    /** Null while nothing was signed for: no rate rather than a rate of 0 or 100 %. */
    public Double signedRate() {
      return signed == 0 ? null : (double) signedOnTime / signed;
    }

    public Double closedRate() {
      return closed == 0 ? null : (double) closedOnTime / closed;
    }
  }

  public static final CasePicture EMPTY = new CasePicture(0, List.of(), Map.of());

  private final long version;
  private final Map<String, Counts> byArea;
  private final List<Shown> overdue;
  private final Map<String, DayRates> today;
  private final int size;

  /**
   * @param version rises with each picture a node makes, so a reader can tell a new one from the one it has
   * @param today   the day's rates by area, each area's covering its subtree
   */
  public CasePicture(long version, Collection<Shown> open, Map<String, DayRates> today) {
    this.version = version;
    Map<String, Counts> counts = new HashMap<>();
    List<Shown> late = new ArrayList<>();
    for (Shown c : open) {
      Counts one = new Counts(1, c.countsOverdue() ? 1 : 0, c.countsNearDue() ? 1 : 0);
      counts.merge(c.area() == null ? "" : c.area(), one, Counts::plus);
      if (c.countsOverdue()) {
        late.add(c);
      }
    }
    // longest overdue first: its deadline passed first; ties by id, so the order never flickers
    late.sort(Comparator.comparing(Shown::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(Shown::id));
    this.byArea = Map.copyOf(counts);
    this.overdue = List.copyOf(late);
    this.today = Map.copyOf(today);
    this.size = open.size();
  }

  public long version() {
    return version;
  }

  /** How many open cases the picture holds. */
  public int size() {
    return size;
  }

  /** Open cases per the area each belongs to ("" for a case with none). */
  public Map<String, Counts> byArea() {
    return byArea;
  }

  /** Every overdue open case, the longest overdue first. */
  public List<Shown> overdue() {
    return overdue;
  }

  /** Today's rates of an area and its subtree; {@link DayRates#NONE} when none are known. */
  public DayRates today(String area) {
    return today.getOrDefault(area, DayRates.NONE);
  }

}
