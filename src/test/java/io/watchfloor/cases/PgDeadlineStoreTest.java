package io.watchfloor.cases;

import io.vertx.core.Vertx;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.storage.Storage;
import org.junit.jupiter.api.BeforeAll;

@PgTest
class PgDeadlineStoreTest extends DeadlineStoreContract {
  private static final String DATABASE = "wf_test_deadline_store";
  private static StoreConfig.Pg pg;

  @BeforeAll
  static void database() {
    pg = TestDatabase.migrated(DATABASE);
  }

  @Override
  protected DeadlineStore create(Vertx vertx) {
    return new PgDeadlineStore(Storage.postgres(vertx, pg).pg().orElseThrow());
  }

  @Override
  protected void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE case_limit, work_day; UPDATE case_time_version SET version = 0");
  }
}
