package io.watchfloor.ranking;

import io.vertx.core.Future;
import io.watchfloor.audit.AuditEntry;

import java.time.Instant;
import java.util.function.Function;

/** The ranking settings of the embedded store: one node, gone with it; called on its verticle's event loop only. */
final class MemoryRankingStore implements RankingStore {
  private Setting setting = new Setting(null, 0, null, null);

  @Override
  public Future<Void> open() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Setting> get() {
    return Future.succeededFuture(setting);
  }

  @Override
  public Future<Long> version() {
    return Future.succeededFuture(setting.version());
  }

  @Override
  public Future<Change> setFloor(int percent, String by, Instant at, Function<Change, AuditEntry> line) {
    Setting before = setting;
    setting = new Setting(percent, before.version() + 1, at, by);
    return Future.succeededFuture(new Change(before, setting));
  }

  @Override
  public boolean auditsItself() {
    return false;
  }
}
