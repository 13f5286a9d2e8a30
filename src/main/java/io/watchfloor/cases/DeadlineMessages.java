package io.watchfloor.cases;

import io.watchfloor.domain.CaseDeadlines;
import io.watchfloor.domain.CaseFile;
import io.watchfloor.domain.WorkCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The node-local requests of the closed loop's time: the deadline verticle's (replies JSON; {@code by} and
 * {@code scope} go to the audit) and the deadline clock's question to the case verticle.
 */
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

  /** The deadline clock's question to the case verticle: {@code CaseStore.due}; reply {@link DueCases}. */
  public record Due(Instant now, Duration escalateAfter, List<String> tops, int limit) {
  }

  public record DueCases(List<CaseFile> cases) {
  }

  public static final List<Class<?>> TYPES = List.of(LimitsUpdate.class, CalendarRequest.class, CalendarUpdate.class,
      Due.class, DueCases.class);
}
