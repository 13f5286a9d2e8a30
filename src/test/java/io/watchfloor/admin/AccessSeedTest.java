package io.watchfloor.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.ops.HashSecret;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * config/access.json seeds an empty store once; a file changed later changes nothing (the store wins);
 * the export is the store in the file's shape, and seeds a new store to the same effect.
 */
@PgTest
class AccessSeedTest {
  private static final String DB = "wf_test_access_seed";
  private static final String CHIEF_PASSWORD = AdminApiContract.STRONG;

  private static JsonObject plainPostgres(String url) {
    return new JsonObject().put("demo", new JsonObject().put("enabled", false)).put("store", new JsonObject()
        .put("kind", "postgres").put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000)));
  }

  private static JsonObject access(String username, String password, String unitToken) {
    return new JsonObject()
        .put("units", new JsonArray().add(new JsonObject().put("id", "file-unit").put("name", "文件里的组")
            .put("siteKinds", new JsonArray().add("checkpoint")).put("tokenSha256", HashSecret.sha256(unitToken))))
        .put("operators", new JsonArray().add(new JsonObject().put("username", username).put("name", "管理员")
            .put("role", "admin").put("passwordHash", HashSecret.password(password))))
        .put("displayKeys", new JsonArray());
  }

  @Test
  void theFilesSeedOnceTheStoreWinsAndTheExportRestores() {
    String url = TestDatabase.fresh(DB);
    JsonObject export;
    try (TestServer first = TestServer.start(plainPostgres(url), MutableClock.system(),
        access("chief", CHIEF_PASSWORD, "file-unit-token-0123456789"))) {
      AdminCalls api = new AdminCalls(first.client, first.port);
      String chief = api.signIn("chief", CHIEF_PASSWORD);
      assertThat(api.report("file-unit-token-0123456789", AdminApiContract.now8("cp-highway-exit")).statusCode()).isEqualTo(201);
      assertThat(api.post("/api/v1/admin/units/file-unit/disable", chief, null).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> exported = api.get("/api/v1/admin/export", chief);
      assertThat(exported.statusCode()).isEqualTo(200);
      export = exported.bodyAsJsonObject();
    }
    assertThat(export.getJsonArray("units").getJsonObject(0).getBoolean("disabled")).isTrue();
    assertThat(export.getJsonArray("units").getJsonObject(0).getJsonArray("siteKinds")).containsExactly("checkpoint");

    // the file now names someone else: on the seeded store it changes nothing
    try (TestServer again = TestServer.start(plainPostgres(url), MutableClock.system(),
        access("intruder", AdminApiContract.STRONG_2, "other-token-0123456789"))) {
      AdminCalls api = new AdminCalls(again.client, again.port);
      assertThat(api.signInRaw("intruder", AdminApiContract.STRONG_2).statusCode()).isEqualTo(401);
      assertThat(api.signInRaw("chief", CHIEF_PASSWORD).statusCode()).isEqualTo(200);
      assertThat(api.report("file-unit-token-0123456789", AdminApiContract.now8("cp-highway-exit")).statusCode())
          .as("still disabled, as the store says").isEqualTo(401);
    }

    // the export seeds a new, empty store (here the embedded one) as the files would
    try (TestServer restored = TestServer.start(new JsonObject().put("demo", new JsonObject().put("enabled", false)),
        MutableClock.system(), export)) {
      AdminCalls api = new AdminCalls(restored.client, restored.port);
      String chief = api.signIn("chief", CHIEF_PASSWORD);
      JsonArray units = api.get("/api/v1/admin/units", chief).bodyAsJsonArray();
      assertThat(units).hasSize(1);
      assertThat(units.getJsonObject(0).getBoolean("disabled")).isTrue();
      assertThat(api.post("/api/v1/admin/units/file-unit/enable", chief, null).statusCode()).isEqualTo(200);
      assertThat(api.report("file-unit-token-0123456789", AdminApiContract.now8("cp-highway-exit")).statusCode()).isEqualTo(201);
    }
  }
}
