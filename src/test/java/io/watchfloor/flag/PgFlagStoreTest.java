package io.watchfloor.flag;

import io.watchfloor.storage.Storage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.config.StoreConfig;
import io.watchfloor.store.PgStore;
import org.junit.jupiter.api.BeforeAll;

@PgTest
class PgFlagStoreTest extends FlagStoreContract {
  private static final String DATABASE = "wf_test_flag_store";
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
  FlagStore create(Vertx vertx) {
    return new PgFlagStore(Storage.postgres(vertx, pg).pg().orElseThrow());
  }

  @Override
  void emptied() {
    TestDatabase.execute(DATABASE, "TRUNCATE report_flag");
  }
}
