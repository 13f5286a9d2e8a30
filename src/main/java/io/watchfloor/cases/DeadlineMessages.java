package io.watchfloor.cases;

import io.watchfloor.domain.CaseDeadlines;
import io.watchfloor.domain.WorkCalendar;

import java.util.List;

/** The deadline verticle's node-local requests; replies are JSON. {@code by} and {@code scope} go to the audit. */
public final class DeadlineMessages {
  private DeadlineMessages() {
  }

  /** The whole table, checked by the caller. */
  public record LimitsUpdate(List<CaseDeadlines.Row> rows, String by, String scope) {
  }

  public record CalendarRequest(int year) {
  }

  /** One year's marked days, checked by the caller, all in that year. */
  public record CalendarUpdate(int year, List<WorkCalendar.Day> days, String by, String scope) {
  }

  public static final List<Class<?>> TYPES = List.of(LimitsUpdate.class, CalendarRequest.class, CalendarUpdate.class);
}
