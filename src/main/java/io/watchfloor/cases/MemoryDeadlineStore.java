package io.watchfloor.cases;

import io.vertx.core.Future;
import io.watchfloor.domain.CaseDeadlines;
import io.watchfloor.domain.WorkCalendar;

import java.util.List;

/**
 * The time-limit table and calendar for the embedded store: one node, gone with it. Called on its verticle's
 * event loop only; the table is bounded by the admin API's checks (at most 200 rows, 366 days a year).
 */
public final class MemoryDeadlineStore implements DeadlineStore {
  private List<CaseDeadlines.Row> limits = List.of();
  private WorkCalendar calendar = WorkCalendar.WEEKDAYS;
  private long version;

  @Override
  public Future<Void> open() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Boolean> seedIfEmpty(List<CaseDeadlines.Row> rows, List<WorkCalendar.Day> days) {
    if (version > 0) {
      return Future.succeededFuture(false);
    }
    limits = List.copyOf(rows);
    calendar = new WorkCalendar(days);
    version = 1;
    return Future.succeededFuture(true);
  }

  @Override
  public Future<TimeTable> all() {
    return Future.succeededFuture(new TimeTable(version, limits, calendar.days()));
  }

  @Override
  public Future<Long> version() {
    return Future.succeededFuture(version);
  }

  @Override
  public Future<Change<List<CaseDeadlines.Row>>> replaceLimits(List<CaseDeadlines.Row> rows) {
    List<CaseDeadlines.Row> before = limits;
    limits = List.copyOf(rows);
    version++;
    return Future.succeededFuture(new Change<>(before, limits, version));
  }

  @Override
  public Future<Change<List<WorkCalendar.Day>>> replaceYear(int year, List<WorkCalendar.Day> days) {
    List<WorkCalendar.Day> before = calendar.year(year);
    try {
      calendar = calendar.withYear(year, days);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    version++;
    return Future.succeededFuture(new Change<>(before, calendar.year(year), version));
  }
}
