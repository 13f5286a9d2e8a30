package io.watchfloor.admin;

import io.watchfloor.PgTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.watchfloor.admin.AdminApiContract.STRONG;
import static io.watchfloor.admin.AdminApiContract.STRONG_2;
import static io.watchfloor.admin.AdminApiContract.now8;
import static io.watchfloor.admin.AdminApiContract.operator;
import static io.watchfloor.admin.AdminApiContract.unit;
import static org.assertj.core.api.Assertions.assertThat;

/** What an admin could get away with, on PostgreSQL: a grace outliving a disable, an unaudited export, names held elsewhere. */
@PgTest
class AdminHardeningPgTest extends AdminServerBase {
  private static final String DB = "wf_test_admin_hardening";

  @BeforeAll
  static void start() {
    serve(TestServer.postgres(TestDatabase.fresh(DB), MutableClock.system()));
  }

  @Test
  void disablingAUnitEndsItsRotatedTokensGrace() {
    String admin = admin();
    String old = api.post("/api/v1/admin/units", admin, unit("grace-team", "cp-highway-exit")).bodyAsJsonObject()
        .getString("token");
    HttpResponse<Buffer> rotated = api.post("/api/v1/admin/units/grace-team/token", admin,
        new JsonObject().put("graceSeconds", 3600));
    String fresh = rotated.bodyAsJsonObject().getString("token");
    assertThat(api.report(old, now8("cp-highway-exit")).statusCode()).as("within its grace").isEqualTo(201);

    assertThat(api.post("/api/v1/admin/units/grace-team/disable", admin, null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> enabled = api.post("/api/v1/admin/units/grace-team/enable", admin, null);
    assertThat(enabled.statusCode()).isEqualTo(200);
    assertThat(enabled.bodyAsJsonObject().getString("previousTokenUntil")).isNull();
    assertThat(api.report(old, now8("cp-highway-exit")).statusCode()).as("the disable ended the grace").isEqualTo(401);
    assertThat(api.report(fresh, now8("cp-highway-exit")).statusCode()).isEqualTo(201);
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_unit WHERE id = 'grace-team'"
        + " AND previous_token_sha256 IS NULL AND previous_until IS NULL")).isEqualTo(1);
  }

  @Test
  void theExportOfEveryPasswordHashIsAudited() {
    String admin = admin();
    HttpResponse<Buffer> export = api.get("/api/v1/admin/export", admin);
    assertThat(export.statusCode()).isEqualTo(200);
    JsonObject line = entries(admin).stream().map(o -> (JsonObject) o)
        .filter(e -> "access.export".equals(e.getString("action"))).findFirst().orElseThrow();
    assertThat(line.getString("actor")).isEqualTo("admin");
    assertThat(line.getString("scope")).isEqualTo("changling");
    assertThat(line.getJsonObject("after").getInteger("operators"))
        .isEqualTo(export.bodyAsJsonObject().getJsonArray("operators").size());
    assertThat(line.encode()).doesNotContain("pbkdf2");
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'access.export' AND actor = 'admin'"))
        .isPositive();
  }

  @Test
  void aTownAdminCannotTellANameHeldInAnotherTownFromAFreeOne() {
    String admin = admin();
    assertThat(api.post("/api/v1/admin/operators", admin, operator("cg-held", "chengguan", STRONG)).statusCode()).isEqualTo(201);
    assertThat(api.post("/api/v1/admin/units", admin, unit("cg-held-team", "cp-chengguan-toll")).statusCode()).isEqualTo(201);
    assertThat(api.post("/api/v1/admin/operators", admin, operator("xd-boss", "xudong", STRONG).put("role", "admin"))
        .statusCode()).isEqualTo(201);
    String town = api.signInAndChange("xd-boss", STRONG, STRONG_2);

    HttpResponse<Buffer> heldOperator = api.post("/api/v1/admin/operators", town, operator("cg-held", "xudong", STRONG));
    HttpResponse<Buffer> freeOperator = api.post("/api/v1/admin/operators", town, operator("nobody-has-this", "xudong", STRONG));
    assertThat(heldOperator.statusCode()).as(heldOperator.bodyAsString()).isEqualTo(freeOperator.statusCode());
    assertThat(detail(heldOperator)).isEqualTo(detail(freeOperator)).doesNotContain("cg-held");

    HttpResponse<Buffer> heldUnit = api.post("/api/v1/admin/units", town, unit("cg-held-team", "cp-xudong-road"));
    HttpResponse<Buffer> freeUnit = api.post("/api/v1/admin/units", town, unit("free-team", "cp-xudong-road"));
    assertThat(heldUnit.statusCode()).as(heldUnit.bodyAsString()).isEqualTo(freeUnit.statusCode());
    assertThat(detail(heldUnit)).isEqualTo(detail(freeUnit)).doesNotContain("cg-held");

    // the town's own namespace: made, and a second time not available, like any held name
    assertThat(api.post("/api/v1/admin/operators", town, operator("xudong.night", "xudong", STRONG)).statusCode()).isEqualTo(201);
    AdminApiContract.assertNotAvailable(api.post("/api/v1/admin/operators", town, operator("xudong.night", "xudong", STRONG)),
        "username");
    // a name of the town's namespace belongs in the town, whoever makes it
    AdminApiContract.assertField(api.post("/api/v1/admin/units", admin, unit("xudong.elsewhere", "cp-chengguan-toll")
        .put("scope", "chengguan")), "id");
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_operator WHERE username = 'nobody-has-this'")).isZero();
  }

  private static String detail(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getString("detail");
  }

  private static JsonArray entries(String cookie) {
    return api.get("/api/v1/admin/audit", cookie).bodyAsJsonObject().getJsonArray("entries");
  }

}
