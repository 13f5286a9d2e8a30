package io.watchfloor.flag;

import io.watchfloor.storage.Storage;
import io.vertx.core.Vertx;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.config.StoreConfig;
import org.junit.jupiter.api.BeforeAll;

@PgTest
class PgFlagStoreTest extends FlagStoreContract {
  private static final String DATABASE = "wf_test_flag_store";
  private static StoreConfig.Pg pg;

  @BeforeAll
  static void database() {
    pg = TestDatabase.migrated(DATABASE);
  }

  @Override
  protected FlagStore create(Vertx vertx) {
    return new PgFlagStore(Storage.postgres(vertx, pg).pg().orElseThrow());
  }

  @Override
  protected void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE report_flag");
  }
}
