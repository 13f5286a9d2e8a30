package io.watchfloor.alert;

import io.vertx.core.Vertx;

class MemoryAlertStoreTest extends AlertStoreContract {
  @Override
  AlertStore create(Vertx vertx) {
    return new MemoryAlertStore(1000);
  }
}
