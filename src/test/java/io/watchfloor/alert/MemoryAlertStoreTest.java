package io.watchfloor.alert;

import io.watchfloor.UnitTest;
import io.vertx.core.Vertx;

@UnitTest
class MemoryAlertStoreTest extends AlertStoreContract {
  @Override
  AlertStore create(Vertx vertx) {
    return new MemoryAlertStore(1000);
  }
}
