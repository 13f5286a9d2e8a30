package io.watchfloor.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.ops.HashSecret;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every call of the admin API's table (docs/security.md#administration) with its status and body, on a demo server (admin / admin-demo-pass
 * administers the district), against either store. Each test makes its own units and operators.
 */
abstract class AdminApiContract {
  static final String STRONG = "v7#Qm2!pLx9&Tz4w";
  static final String STRONG_2 = "Gr8%kW3z@Yq6!nB1";

  abstract TestServer server();

  AdminCalls calls() {
    return new AdminCalls(server().client, server().port);
  }

  String admin() {
    return calls().signIn("admin", "admin-demo-pass");
  }

  static JsonObject now8(String site) {
    return TestTown.body(UUID.randomUUID(), site, OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).minusMinutes(1).toString(),
        new JsonObject().put("vehicles_checked", 3));
  }

  static List<String> ids(HttpResponse<Buffer> list, String field) {
    return list.bodyAsJsonArray().stream().map(o -> ((JsonObject) o).getString(field)).toList();
  }

  JsonArray audit(String cookie) {
    HttpResponse<Buffer> audit = calls().get("/api/v1/admin/audit", cookie);
    assertThat(audit.statusCode()).as(audit.bodyAsString()).isEqualTo(200);
    return audit.bodyAsJsonObject().getJsonArray("entries");
  }

  @Test
  void aUnitIsIssuedPostsRotatesWithAndWithoutGraceAndIsDisabled() {
    AdminCalls api = calls();
    String admin = admin();
    HttpResponse<Buffer> created = api.post("/api/v1/admin/units", admin, new JsonObject().put("id", "jinpen-team")
        .put("name", "金盆卡口组").put("sites", new JsonArray().add("cp-highway-exit")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String token = created.bodyAsJsonObject().getString("token");
    assertThat(created.bodyAsJsonObject().getString("id")).isEqualTo("jinpen-team");
    assertThat(token).hasSizeGreaterThanOrEqualTo(43);
    assertThat(api.report(token, now8("cp-highway-exit")).statusCode()).isEqualTo(201);

    HttpResponse<Buffer> units = api.get("/api/v1/admin/units", admin);
    assertThat(units.statusCode()).isEqualTo(200);
    assertThat(ids(units, "id")).contains("jinpen-team", "demo-checkpoints");
    assertThat(units.bodyAsString()).as("never a token or a hash").doesNotContain(token)
        .doesNotContain(HashSecret.sha256(token)).doesNotContain("okenSha256");

    // rotation without grace: the old token is refused at once
    HttpResponse<Buffer> rotated = api.post("/api/v1/admin/units/jinpen-team/token", admin, new JsonObject());
    assertThat(rotated.statusCode()).as(rotated.bodyAsString()).isEqualTo(200);
    String second = rotated.bodyAsJsonObject().getString("token");
    assertThat(second).isNotEqualTo(token);
    assertThat(api.report(token, now8("cp-highway-exit")).statusCode()).isEqualTo(401);
    assertThat(api.report(second, now8("cp-highway-exit")).statusCode()).isEqualTo(201);

    // with grace: both work for now
    HttpResponse<Buffer> graced = api.post("/api/v1/admin/units/jinpen-team/token", admin,
        new JsonObject().put("graceSeconds", 600));
    String third = graced.bodyAsJsonObject().getString("token");
    assertThat(graced.bodyAsJsonObject().getString("previousTokenUntil")).isNotNull();
    assertThat(api.report(second, now8("cp-highway-exit")).statusCode()).isEqualTo(201);
    assertThat(api.report(third, now8("cp-highway-exit")).statusCode()).isEqualTo(201);

    HttpResponse<Buffer> disabled = api.post("/api/v1/admin/units/jinpen-team/disable", admin, null);
    assertThat(disabled.statusCode()).as(disabled.bodyAsString()).isEqualTo(200);
    assertThat(disabled.bodyAsJsonObject().getBoolean("disabled")).isTrue();
    assertThat(api.report(third, now8("cp-highway-exit")).statusCode()).isEqualTo(401);
    assertThat(api.report(second, now8("cp-highway-exit")).statusCode()).isEqualTo(401);
    assertThat(api.post("/api/v1/admin/units/jinpen-team/enable", admin, null).statusCode()).isEqualTo(200);
    assertThat(api.report(third, now8("cp-highway-exit")).statusCode()).isEqualTo(201);

    JsonArray audit = audit(admin);
    List<String> actions = audit.stream().map(o -> (JsonObject) o).filter(e -> "jinpen-team".equals(e.getString("target")))
        .map(e -> e.getString("action")).toList();
    assertThat(actions).as("newest first").containsExactly("unit.enable", "unit.disable", "unit.token", "unit.token", "unit.create");
    JsonObject disable = audit.stream().map(o -> (JsonObject) o).filter(e -> "unit.disable".equals(e.getString("action"))
        && "jinpen-team".equals(e.getString("target"))).findFirst().orElseThrow();
    assertThat(disable.getString("actor")).isEqualTo("admin");
    assertThat(disable.getJsonObject("before").getBoolean("disabled")).isFalse();
    assertThat(disable.getJsonObject("after").getBoolean("disabled")).isTrue();
    assertThat(disable.getString("scope")).as("the unit's area").isEqualTo("jinpen");
    assertThat(audit.encode()).doesNotContain(third).doesNotContain(HashSecret.sha256(third));
  }

  @Test
  void anOperatorIsCreatedMustChangeTheirPasswordIsResetAndDisabled() {
    AdminCalls api = calls();
    String admin = admin();
    HttpResponse<Buffer> created = api.post("/api/v1/admin/operators", admin, new JsonObject().put("username", "shiqiao-duty")
        .put("name", "石桥镇值班员").put("role", "officer").put("scope", "shiqiao").put("password", STRONG));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getBoolean("mustChangePassword")).isTrue();
    assertThat(created.bodyAsString()).doesNotContain("pbkdf2");
    assertThat(ids(api.get("/api/v1/admin/operators", admin), "username")).contains("shiqiao-duty", "duty", "admin");

    String duty = api.signIn("shiqiao-duty", STRONG);
    assertThat(api.get("/api/v1/session", duty).bodyAsJsonObject().getBoolean("mustChangePassword")).isTrue();
    assertThat(api.get("/api/v1/alerts", duty).statusCode()).as("nothing else before the change").isEqualTo(403);
    HttpResponse<Buffer> weak = api.post("/api/v1/session/password", duty,
        new JsonObject().put("currentPassword", STRONG).put("password", "password1234"));
    assertThat(weak.statusCode()).isEqualTo(422);
    assertThat(weak.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("password");
    HttpResponse<Buffer> changed = api.post("/api/v1/session/password", duty,
        new JsonObject().put("currentPassword", STRONG).put("password", STRONG_2));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/alerts", duty).statusCode()).as("the id it was changed under is retired").isEqualTo(401);
    duty = AdminCalls.reissued(changed);
    assertThat(api.get("/api/v1/alerts", duty).statusCode()).isEqualTo(200);
    assertThat(api.signInRaw("shiqiao-duty", STRONG).statusCode()).isEqualTo(401);
    assertThat(api.signInRaw("shiqiao-duty", STRONG_2).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> reset = api.post("/api/v1/admin/operators/shiqiao-duty/reset", admin, null);
    assertThat(reset.statusCode()).as(reset.bodyAsString()).isEqualTo(200);
    String temporary = reset.bodyAsJsonObject().getString("password");
    assertThat(api.get("/api/v1/session", duty).statusCode()).as("a reset ends the sessions").isEqualTo(401);
    assertThat(api.signInRaw("shiqiao-duty", STRONG_2).statusCode()).isEqualTo(401);
    String again = api.signIn("shiqiao-duty", temporary);
    assertThat(api.get("/api/v1/session", again).bodyAsJsonObject().getBoolean("mustChangePassword")).isTrue();

    HttpResponse<Buffer> disabled = api.post("/api/v1/admin/operators/shiqiao-duty/disable", admin, null);
    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(disabled.bodyAsJsonObject().getBoolean("disabled")).isTrue();
    assertThat(api.get("/api/v1/session", again).statusCode()).isEqualTo(401);
    assertThat(api.signInRaw("shiqiao-duty", temporary).statusCode()).isEqualTo(401);
    assertThat(api.post("/api/v1/admin/operators/shiqiao-duty/enable", admin, null).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/v1/session", again).statusCode()).as("enabling revives no old session").isEqualTo(401);
    assertThat(api.signInRaw("shiqiao-duty", temporary).statusCode()).isEqualTo(200);

    List<String> actions = audit(admin).stream().map(o -> (JsonObject) o)
        .filter(e -> "shiqiao-duty".equals(e.getString("target"))).map(e -> e.getString("action")).toList();
    // each refused sign-in is audited too: the old password after the change, the one before the reset, and while disabled
    assertThat(actions).containsExactly("operator.enable", "sign-in.failed", "operator.disable", "sign-in.failed",
        "operator.reset", "sign-in.failed", "operator.password", "operator.create");
  }

  @Test
  void aDisplayKeyIsIssuedShownOnceAndRevoked() {
    AdminCalls api = calls();
    String admin = admin();
    HttpResponse<Buffer> created = api.post("/api/v1/admin/display-keys", admin,
        new JsonObject().put("label", "城关街道大厅").put("scope", "chengguan"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    String key = created.bodyAsJsonObject().getString("key");
    assertThat(api.withKey("/api/v1/snapshot", key).bodyAsJsonObject().getString("scope")).isEqualTo("chengguan");
    HttpResponse<Buffer> keys = api.get("/api/v1/admin/display-keys", admin);
    assertThat(ids(keys, "id")).contains(id);
    assertThat(keys.bodyAsString()).doesNotContain(key).doesNotContain(HashSecret.sha256(key));

    HttpResponse<Buffer> revoked = api.delete("/api/v1/admin/display-keys/" + id, admin);
    assertThat(revoked.statusCode()).isEqualTo(204);
    assertThat(api.withKey("/api/v1/snapshot", key).statusCode()).isEqualTo(401);
    assertThat(api.delete("/api/v1/admin/display-keys/no-such-key", admin).statusCode()).isEqualTo(404);
  }

  @Test
  void badInputIs422NamingTheFieldAndChangesNothing() {
    AdminCalls api = calls();
    String admin = admin();
    String before = api.get("/api/v1/admin/export", admin).bodyAsString();
    int auditBefore = audit(admin).size();
    assertField(api.post("/api/v1/admin/units", admin, unit("bad-1", "no-such-site")), "sites");
    assertNotAvailable(api.post("/api/v1/admin/units", admin, unit("demo-checkpoints", "cp-highway-exit")), "id");
    assertField(api.post("/api/v1/admin/units", admin, unit("Bad Id!", "cp-highway-exit")), "id");
    assertField(api.post("/api/v1/admin/units", admin, unit("bad-2", "cp-highway-exit").put("scope", "atlantis")), "scope");
    assertField(api.post("/api/v1/admin/units", admin, unit("bad-3", "cp-highway-exit").put("colour", "red")), "colour");
    assertNotAvailable(api.post("/api/v1/admin/operators", admin, operator("duty", "xudong", STRONG)), "username");
    assertField(api.post("/api/v1/admin/operators", admin, operator("bad-op", "xudong", "password1234")), "password");
    assertField(api.post("/api/v1/admin/operators", admin, operator("bad-op", "xudong", "short")), "password");
    assertField(api.post("/api/v1/admin/operators", admin, operator("bad-op", "nowhere", STRONG)), "scope");
    assertField(api.post("/api/v1/admin/operators", admin, operator("bad-op", "xudong", STRONG).put("role", "god")), "role");
    assertField(api.post("/api/v1/admin/display-keys", admin, new JsonObject().put("label", "x").put("scope", "nowhere")), "scope");
    assertField(api.post("/api/v1/admin/units/demo-checkpoints/token", admin, new JsonObject().put("graceSeconds", -1)),
        "graceSeconds");
    assertField(api.get("/api/v1/admin/audit?from=yesterday", admin), "from");
    assertThat(api.get("/api/v1/admin/export", admin).bodyAsString()).as("the store is as it was").isEqualTo(before);
    assertThat(audit(admin)).as("nothing audited but the export just taken").hasSize(auditBefore + 1);
  }

  @Test
  void aTownAdminSeesAndChangesOnlyItsTown() {
    AdminCalls api = calls();
    String admin = admin();
    assertThat(api.post("/api/v1/admin/operators", admin, operator("xudong-admin", "xudong", STRONG).put("role", "admin"))
        .statusCode()).isEqualTo(201);
    assertThat(api.post("/api/v1/admin/units", admin, unit("chengguan-team", "cp-chengguan-toll")).statusCode()).isEqualTo(201);
    String town = api.signInAndChange("xudong-admin", STRONG, STRONG_2);

    HttpResponse<Buffer> mine = api.post("/api/v1/admin/units", town, unit("xudong.xujiapai-team", "cp-xudong-road"));
    assertThat(mine.statusCode()).as(mine.bodyAsString()).isEqualTo(201);
    assertThat(ids(api.get("/api/v1/admin/units", town), "id")).contains("xudong.xujiapai-team")
        .doesNotContain("chengguan-team", "demo-checkpoints");
    assertThat(ids(api.get("/api/v1/admin/operators", town), "username")).contains("xudong-duty", "xudong-admin")
        .doesNotContain("duty", "admin");
    assertThat(ids(api.get("/api/v1/admin/display-keys", town), "id")).containsExactly("demo-wall-xudong");

    assertField(api.post("/api/v1/admin/units", town, unit("elsewhere", "cp-chengguan-toll")), "sites");
    assertField(api.post("/api/v1/admin/operators", town, operator("cg-op", "chengguan", STRONG)), "scope");
    assertField(api.post("/api/v1/admin/operators", town, operator("top-op", "changling", STRONG)), "scope");
    assertField(api.post("/api/v1/admin/display-keys", town, new JsonObject().put("label", "x").put("scope", "chengguan")), "scope");
    assertThat(api.post("/api/v1/admin/units/chengguan-team/disable", town, null).statusCode()).isEqualTo(404);
    assertThat(api.post("/api/v1/admin/operators/duty/disable", town, null).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/admin/export", town).statusCode()).isEqualTo(403);
    List<String> targets = audit(town).stream().map(o -> ((JsonObject) o).getString("target")).toList();
    assertThat(targets).contains("xudong.xujiapai-team", "xudong-admin").doesNotContain("chengguan-team");
  }

  @Test
  void onlyAnAdminMayCallTheAdminApi() {
    AdminCalls api = calls();
    String duty = api.signIn("duty", "duty-demo-pass");
    assertThat(api.get("/api/v1/admin/units", duty).statusCode()).isEqualTo(403);
    assertThat(api.post("/api/v1/admin/units", duty, unit("x", "cp-highway-exit")).statusCode()).isEqualTo(403);
    String admin = admin();
    assertThat(api.post("/api/v1/admin/operators", admin, operator("a-viewer", "changling", STRONG).put("role", "viewer"))
        .statusCode()).isEqualTo(201);
    String viewer = api.signInAndChange("a-viewer", STRONG, STRONG_2);
    for (String path : List.of("/api/v1/admin/units", "/api/v1/admin/operators", "/api/v1/admin/display-keys",
        "/api/v1/admin/audit", "/api/v1/admin/export")) {
      assertThat(api.get(path, viewer).statusCode()).as("viewer on %s", path).isEqualTo(403);
      assertThat(api.get(path, duty).statusCode()).as("officer on %s", path).isEqualTo(403);
      assertThat(server().client.get(path).putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS).send().await()
          .statusCode()).as("unit on %s", path).isEqualTo(403);
      assertThat(api.withKey(path, TestTown.DISPLAY_KEY).statusCode()).as("screen on %s", path).isEqualTo(403);
      assertThat(api.get(path, null).statusCode()).as("nobody on %s", path).isEqualTo(401);
    }
    HttpResponse<Buffer> crossSite = server().client.post("/api/v1/admin/units").putHeader("Cookie", admin)
        .putHeader("Origin", "https://evil.example").sendJsonObject(unit("x", "cp-highway-exit")).await();
    assertThat(crossSite.statusCode()).isEqualTo(403);
  }

  @Test
  void theAuditExportsAsCsvAndFiltersByTime() {
    AdminCalls api = calls();
    String admin = admin();
    api.signInRaw("duty", "not-the-password");
    HttpResponse<Buffer> csv = api.get("/api/v1/admin/audit?format=csv", admin);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
    String text = csv.bodyAsString();
    assertThat(text.lines().findFirst().orElseThrow()).isEqualTo("\uFEFFid,at,actor,action,target,scope,before,after");
    assertThat(text).contains("sign-in.failed,duty");
    assertThat(api.get("/api/v1/admin/audit?to=2000-01-01", admin).bodyAsJsonObject().getJsonArray("entries")).isEmpty();
  }

  static JsonObject unit(String id, String site) {
    return new JsonObject().put("id", id).put("name", "组 " + id).put("sites", new JsonArray().add(site));
  }

  static JsonObject operator(String username, String scope, String password) {
    return new JsonObject().put("username", username).put("name", "操作员 " + username).put("role", "officer")
        .put("scope", scope).put("password", password);
  }

  /** A name held anywhere: 409, the same words whoever holds it. */
  static void assertNotAvailable(HttpResponse<Buffer> response, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(409);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo(field);
    assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo(field + " is not available; choose another");
  }

  static void assertField(HttpResponse<Buffer> response, String field) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(422);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream().map(o -> ((JsonObject) o).getString("field")))
        .as(response.bodyAsString()).contains(field);
  }
}
