package io.watchfloor.alert;

import io.watchfloor.PgTest;
import io.watchfloor.config.StoreConfig;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.TestDatabase;
import io.watchfloor.store.PgStore;
import io.watchfloor.storage.PgPools;
import org.junit.jupiter.api.BeforeAll;

@PgTest
class PgAlertStoreTest extends AlertStoreContract {
  private static final String DATABASE = "wf_test_alerts";
  private static StoreConfig.Pg pg;

  /** The report store creates and migrates the schema, as it does at server start. */
  @BeforeAll
  static void database() {
    pg = StoreConfig.Pg.of(new JsonObject().put("url", TestDatabase.fresh(DATABASE)).put("connect-timeout-ms", 1000));
    Vertx vertx = Vertx.vertx();
    try {
      PgStore schema = new PgStore(vertx, pg);
      schema.open().compose(v -> schema.close()).await();
    } finally {
      vertx.close().await();
    }
  }

  @Override
  AlertStore create(Vertx vertx) {
    return new PgAlertStore(new PgPools(vertx, pg));
  }

  @Override
  void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE alert_event, alert");
  }
}
