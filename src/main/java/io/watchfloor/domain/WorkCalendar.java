package io.watchfloor.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which days are working days: Monday to Friday, except the days the admin marks otherwise for a year
 * (public holidays off, the 调休 make-up weekend days on). Immutable; a change of a year makes a new
 * calendar, so a deadline computed while an admin edits sees one calendar or the other, never half.
 */
public final class WorkCalendar {
  /** How far a count of working days may look ahead: a calendar with no working day in sight is an error, not a hang. */
  private static final int MAX_DAYS_AHEAD = 3660;

  /** One day marked by the admin: {@code working} whatever its weekday says, with why (节日名, 调休). */
  public record Day(LocalDate day, boolean working, String note) {
    public Day {
      if (day == null) {
        throw new IllegalArgumentException("a marked day needs its date");
      }
      note = note == null ? "" : note;
    }
  }

  public static final WorkCalendar WEEKDAYS = new WorkCalendar(List.of());

  private final TreeMap<LocalDate, Day> marked;

  /** A day marked twice keeps the later mark. */
  public WorkCalendar(Collection<Day> days) {
    TreeMap<LocalDate, Day> map = new TreeMap<>();
    days.forEach(d -> map.put(d.day(), d));
    this.marked = map;
  }

  /** Whether the day is worked: its mark if it has one, else whether it is a weekday. */
  public boolean isWorkday(LocalDate day) {
    Day mark = marked.get(day);
    if (mark != null) {
      return mark.working();
    }
    DayOfWeek dow = day.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
  }

  public Optional<Day> mark(LocalDate day) {
    return Optional.ofNullable(marked.get(day));
  }

  /** The marks of one year, in date order. */
  public List<Day> year(int year) {
    Map<LocalDate, Day> part = marked.subMap(LocalDate.of(year, 1, 1), true, LocalDate.of(year, 12, 31), true);
    return List.copyOf(part.values());
  }

  /** Every mark, in date order. */
  public List<Day> days() {
    return Collections.unmodifiableList(new ArrayList<>(marked.values()));
  }

  /** This calendar with one year's marks replaced by {@code days} (all of which must lie in that year). */
  public WorkCalendar withYear(int year, Collection<Day> days) {
    for (Day d : days) {
      if (d.day().getYear() != year) {
        throw new IllegalArgumentException(d.day() + " is not in " + year);
      }
    }
    List<Day> all = new ArrayList<>();
    marked.values().stream().filter(d -> d.day().getYear() != year).forEach(all::add);
    all.addAll(days);
    return new WorkCalendar(all);
  }

  /**
   * {@code n} working days after {@code start}, in {@code zone} (docs/api.md, time limits): when the start falls on a
   * working day, the same local time on the n-th working day after it (a case signed for on Friday at 15:00
   * with 2 working days is due on Tuesday at 15:00); when it falls on a day off, the end of the n-th working
   * day counting the first working day after it as the first (given on Saturday with 1 working day: due at
   * the end of Monday, 24:00, so the unit gets a whole working day). {@code n} 0 is the start itself.
   */
  public Instant plusWorkdays(Instant start, int n, ZoneId zone) {
    if (n < 0) {
      throw new IllegalArgumentException("working days must not be negative: " + n);
    }
    if (n == 0) {
      return start;
    }
    ZonedDateTime local = start.atZone(zone);
    LocalDate day = local.toLocalDate();
    boolean fromWorkday = isWorkday(day);
    int left = n;
    for (int step = 0; step < MAX_DAYS_AHEAD; step++) {
      day = day.plusDays(1);
      if (isWorkday(day) && --left == 0) {
        return fromWorkday ? ZonedDateTime.of(day, local.toLocalTime(), zone).toInstant()
            : day.plusDays(1).atStartOfDay(zone).toInstant();
      }
    }
    throw new IllegalStateException("fewer than " + n + " working days in the " + MAX_DAYS_AHEAD
        + " days after " + local.toLocalDate());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WorkCalendar that && marked.equals(that.marked);
  }

  @Override
  public int hashCode() {
    return marked.hashCode();
  }
}
