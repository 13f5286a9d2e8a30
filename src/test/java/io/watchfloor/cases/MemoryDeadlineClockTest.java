package io.watchfloor.cases;

import io.vertx.core.Vertx;
import io.watchfloor.UnitTest;
import io.watchfloor.storage.Storage;

@UnitTest
class MemoryDeadlineClockTest extends DeadlineClockContract {
  @Override
  protected Storage storage(Vertx vertx) {
    return Storage.memory();
  }
}
