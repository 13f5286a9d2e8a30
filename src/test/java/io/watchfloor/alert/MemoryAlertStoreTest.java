package io.watchfloor.alert;

import io.watchfloor.UnitTest;
import io.vertx.core.Vertx;

@UnitTest
class MemoryAlertStoreTest extends AlertStoreContract {
  @Override
  protected AlertStore create(Vertx vertx) {
    return new MemoryAlertStore(1000);
  }
}
