package io.watchfloor.cases;

import io.vertx.core.Vertx;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.storage.Storage;
import org.junit.jupiter.api.BeforeAll;

@PgTest
class PgDeadlineClockTest extends DeadlineClockContract {
  private static final String DATABASE = "wf_test_deadline_clock";
  private static StoreConfig.Pg pg;

  @BeforeAll
  static void database() {
    pg = TestDatabase.migrated(DATABASE);
  }

  @Override
  protected Storage storage(Vertx vertx) {
    return Storage.postgres(vertx, pg);
  }

  @Override
  protected void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE case_photo, case_event, case_request, case_file");
  }
}
