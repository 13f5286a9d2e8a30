package io.watchfloor.urge;

import io.vertx.core.Vertx;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.storage.Storage;
import org.junit.jupiter.api.BeforeAll;

@PgTest
class PgUrgeStoreTest extends UrgeStoreContract {
  private static final String DATABASE = "wf_test_urge_store";
  private static StoreConfig.Pg pg;

  @BeforeAll
  static void database() {
    pg = TestDatabase.migrated(DATABASE);
  }

  @Override
  protected UrgeStore create(Vertx vertx) {
    return new PgUrgeStore(Storage.postgres(vertx, pg).pg().orElseThrow());
  }

  @Override
  protected void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE urging, urge_limit");
  }
}
