package io.watchfloor.store;

import io.vertx.core.Vertx;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

@PgTest
class PgStoreTest extends ReportStoreContract {
  private static final String DATABASE = "wf_test_store";
  private static String url;

  @BeforeAll
  static void database() {
    url = TestDatabase.fresh(DATABASE);
  }

  @Override
  ReportStore create(Vertx vertx) {
    return new PgStore(vertx, pgConfig(url));
  }

  /** Each test starts from an empty table; the schema stays, as a running server's would. */
  @Override
  void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE report, report_key");
  }
}
