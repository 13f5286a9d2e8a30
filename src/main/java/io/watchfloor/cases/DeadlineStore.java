package io.watchfloor.cases;

import io.vertx.core.Future;
import io.watchfloor.audit.AuditEntry;
import io.watchfloor.domain.CaseDeadlines;
import io.watchfloor.domain.WorkCalendar;

import java.util.List;
import java.util.function.Function;

/**
 * The time-limit table and the calendar's marked days in the store (PostgreSQL, or the embedded store for the
 * demo), with one version for both, raised by every change, that lets every node see it has fallen behind.
 * Both implementations give the same answers; the deadline store suite runs against each.
 */
public interface DeadlineStore {
  /** Everything a node computes deadlines from: the rows in the table's order, every marked day by date. */
  record TimeTable(long version, List<CaseDeadlines.Row> limits, List<WorkCalendar.Day> days) {
    public TimeTable {
      limits = List.copyOf(limits);
      days = List.copyOf(days);
    }
  }

  /** One change: what was there before and what is there now, and the version that holds it. */
  record Change<T>(T before, T after, long version) {
  }

  Future<Void> open();

  default Future<Void> close() {
    return Future.succeededFuture();
  }

  /** Seeds an empty store, once: a store that was ever seeded is left as it is (version above 0). */
  Future<Boolean> seedIfEmpty(List<CaseDeadlines.Row> limits, List<WorkCalendar.Day> days);

  Future<TimeTable> all();

  Future<Long> version();

  /** Replaces the whole table, checked before ({@link CaseDeadlines#check}), in one transaction with the version's rise. */
  Future<Change<List<CaseDeadlines.Row>>> replaceLimits(List<CaseDeadlines.Row> rows);

  /** Replaces one year's marked days (all of them in that year) in one transaction with the version's rise. */
  Future<Change<List<WorkCalendar.Day>>> replaceYear(int year, List<WorkCalendar.Day> days);

  /**
   * Whether the audited changes below store the change's audit line in its own transaction (PostgreSQL), so a store
   * failing in between (a failover) keeps neither; otherwise (the embedded store, whose audit is the admin verticle's)
   * the caller records the line itself.
   */
  default boolean auditsItself() {
    return false;
  }

  /** {@link #replaceLimits(List)} with the change's audit line, made by {@code line} from the change. */
  default Future<Change<List<CaseDeadlines.Row>>> replaceLimits(List<CaseDeadlines.Row> rows,
                                                                Function<Change<List<CaseDeadlines.Row>>, AuditEntry> line) {
    return replaceLimits(rows);
  }

  /** {@link #replaceYear(int, List)} with the change's audit line, made by {@code line} from the change. */
  default Future<Change<List<WorkCalendar.Day>>> replaceYear(int year, List<WorkCalendar.Day> days,
                                                             Function<Change<List<WorkCalendar.Day>>, AuditEntry> line) {
    return replaceYear(year, days);
  }
}
