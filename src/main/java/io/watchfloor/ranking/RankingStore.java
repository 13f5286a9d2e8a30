package io.watchfloor.ranking;

import io.vertx.core.Future;
import io.watchfloor.audit.AuditEntry;

import java.time.Instant;
import java.util.function.Function;

/**
 * The admin's settings of the red and black lists in the store (PostgreSQL, or the embedded store for the demo),
 * with a version raised by every change that lets every node see it has fallen behind.
 */
public interface RankingStore {
  /** The stored setting; {@code onTimeRedFloor} null (and version 0) while no admin has set it: the config's holds. */
  record Setting(Integer onTimeRedFloor, long version, Instant updatedAt, String updatedBy) {
  }

  /** One change: the setting before and after. */
  record Change(Setting before, Setting after) {
  }

  Future<Void> open();

  default Future<Void> close() {
    return Future.succeededFuture();
  }

  Future<Setting> get();

  Future<Long> version();

  /**
   * Sets the floor (checked before: 0 to 100) with the version's rise; where the store holds the audit too
   * ({@link #auditsItself}), the line made by {@code line} commits in the same transaction.
   */
  Future<Change> setFloor(int percent, String by, Instant at, Function<Change, AuditEntry> line);

  /** Whether {@link #setFloor} wrote the audit line itself; if not, the caller writes it to the audit log. */
  boolean auditsItself();
}
