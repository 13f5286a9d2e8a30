package io.watchfloor.alert;

import io.watchfloor.PgTest;
import io.watchfloor.config.StoreConfig;

import io.vertx.core.Vertx;
import io.watchfloor.TestDatabase;
import io.watchfloor.storage.PgPools;
import org.junit.jupiter.api.BeforeAll;

@PgTest
class PgAlertStoreTest extends AlertStoreContract {
  private static final String DATABASE = "wf_test_alerts";
  private static StoreConfig.Pg pg;

  @BeforeAll
  static void database() {
    pg = TestDatabase.migrated(DATABASE);
  }

  @Override
  protected AlertStore create(Vertx vertx) {
    return new PgAlertStore(new PgPools(vertx, pg));
  }

  @Override
  protected void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE alert_event, alert");
  }
}
