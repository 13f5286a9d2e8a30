package io.watchfloor.cases;

import io.vertx.core.Vertx;
import io.watchfloor.UnitTest;

@UnitTest
class MemoryDeadlineStoreTest extends DeadlineStoreContract {
  @Override
  protected DeadlineStore create(Vertx vertx) {
    return new MemoryDeadlineStore();
  }
}
