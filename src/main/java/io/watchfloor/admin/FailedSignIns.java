package io.watchfloor.admin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.watchfloor.audit.AuditEntry;

import java.time.Duration;
import java.time.Instant;

/**
 * Folds repeated failed sign-ins into one audit line per name tried and address, with a count, so a
 * stranger guessing at the form writes one line an hour rather than one per guess, and cannot push the
 * changes out of sight. A line takes tries for an hour from its first; any other line this node writes
 * starts new ones, so the list still tells what came before and after a change. The lines being
 * counted are a bounded cache: past it, or after a restart, a try starts a new line, which only costs
 * a line. Used on the admin verticle's context.
 */
final class FailedSignIns {
  static final Duration WINDOW = Duration.ofHours(1);
  private static final int MAX_OPEN_LINES = 10_000;

  /** A line being counted: its id once stored, and when its first try was. */
  private record Open(Future<Long> id, Instant since) {
  }

  private final AccessStore store;
  private final Cache<String, Open> open = Caffeine.newBuilder().maximumSize(MAX_OPEN_LINES).build();

  FailedSignIns(AccessStore store) {
    this.store = store;
  }

  Future<Void> record(AuditEntry entry) {
    String key = entry.actor() + '\n' + entry.target();
    Open line = open.getIfPresent(key);
    if (line == null || !entry.at().isBefore(line.since().plus(WINDOW))) {
      return start(key, entry);
    }
    return line.id().compose(id -> store.addAttempt(id, entry.at()))
        .compose(counted -> counted ? Future.<Void>succeededFuture() : start(key, entry));
  }

  private Future<Void> start(String key, AuditEntry entry) {
    Future<Long> id = store.record(new AuditEntry(0, entry.at(), entry.actor(), entry.action(), entry.target(),
        entry.scope(), null, AuditEntry.attempts(1, entry.at())));
    Open line = new Open(id, entry.at());
    open.put(key, line);
    id.onFailure(e -> open.asMap().remove(key, line));
    return id.mapEmpty();
  }

  /** Another line was written: tries from now on are told apart from those before it. */
  void changed() {
    open.invalidateAll();
  }
}
