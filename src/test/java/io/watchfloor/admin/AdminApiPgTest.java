package io.watchfloor.admin;

import io.vertx.core.json.JsonObject;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API on PostgreSQL; the table rows are checked too, and that a restart keeps every change. */
@PgTest
class AdminApiPgTest extends AdminApiContract {
  private static final String DB = "wf_test_admin_api";
  private static TestServer server;
  private static String url;

  @BeforeAll
  static void start() {
    url = TestDatabase.fresh(DB);
    server = TestServer.postgres(url, MutableClock.system());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  TestServer server() {
    return server;
  }

  @Test
  void secretsAreStoredOnlyAsHashesAndBadInputAddsNoRow() {
    String admin = admin();
    long units = TestDatabase.count(DB, "SELECT count(*) FROM access_unit");
    assertField(calls().post("/api/v1/admin/units", admin, unit("pg-bad", "no-such-site")), "sites");
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_unit")).isEqualTo(units);
    String token = calls().post("/api/v1/admin/units", admin, unit("pg-unit", "cp-highway-exit")).bodyAsJsonObject()
        .getString("token");
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_unit WHERE token_sha256 = '"
        + io.watchfloor.ops.HashSecret.sha256(token) + "'")).isEqualTo(1);
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_unit WHERE token_sha256 = '" + token + "'")).isZero();
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'unit.create' AND target = 'pg-unit'"
        + " AND after->>'id' = 'pg-unit' AND before IS NULL")).isEqualTo(1);
  }

  @Test
  void theDemoEntriesAreMarkedAndTheFilesSeededOnce() {
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_operator WHERE demo")).isEqualTo(4);
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'seed'")).isEqualTo(1);
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_state WHERE seeded")).isEqualTo(1);
  }

  static JsonObject none() {
    return new JsonObject();
  }
}
