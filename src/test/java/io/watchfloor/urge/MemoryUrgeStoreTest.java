package io.watchfloor.urge;

import io.vertx.core.Vertx;
import io.watchfloor.UnitTest;

@UnitTest
class MemoryUrgeStoreTest extends UrgeStoreContract {
  @Override
  protected UrgeStore create(Vertx vertx) {
    return new MemoryUrgeStore();
  }
}
