package io.watchfloor.cases;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestTown;
import io.watchfloor.ops.HashSecret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.watchfloor.cases.CaseDesk.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The units an officer picks from to dispatch a case (docs/api.md, cases): the enabled units with a site in the
 * case's area, the category's own kind first, and exactly those the dispatch then takes.
 */
@PgTest
class CaseUnitsTest {
  private static CaseDesk desk;
  private static String district;
  private static String xudong;
  private static String shiqiao;

  @BeforeAll
  static void start() {
    JsonArray units = new JsonArray()
        // works only at 河口村 (石桥镇): never offered for a case of 许东镇
        .add(unit("hekou-crew", "河口村保洁队", "sn-hekou", false))
        // works at 金盆村, but switched off
        .add(unit("jinpen-old", "金盆村旧保洁队", "sn-jinpen", true));
    desk = CaseDesk.postgres("wf_test_case_units", new MutableClock(CaseApiTest.NOON), units);
    district = desk.signIn(CaseDesk.DISTRICT);
    xudong = desk.signIn(CaseDesk.XUDONG);
    shiqiao = desk.signIn(CaseDesk.SHIQIAO);
  }

  @AfterAll
  static void stop() {
    desk.server.close();
  }

  private static JsonObject unit(String id, String name, String site, boolean disabled) {
    return new JsonObject().put("id", id).put("name", name).put("sites", new JsonArray().add(site))
        .put("tokenSha256", HashSecret.sha256(id + "-token")).put("disabled", disabled);
  }

  @Test
  void aVillageCaseListsTheUnitsWorkingThereItsKindFirst() {
    String bin = desk.opened(xudong, CaseDesk.bin()).getString("id");
    JsonObject answer = units(xudong, bin);
    assertThat(answer.getString("area")).isEqualTo("jinpen");
    // 金盆村 has a sanitation site, a petition desk and the highway checkpoint
    assertThat(ids(answer)).containsExactly("demo-sanitation", "demo-checkpoints", "demo-petitions");
    JsonObject first = answer.getJsonArray("units").getJsonObject(0);
    assertThat(first.getString("name")).isEqualTo("环境卫生检查组（演示）");
    assertThat(first.getJsonArray("sites").getList()).containsExactly("sn-jinpen");
    assertThat(first.getJsonArray("kinds").getList()).containsExactly("inspection");
    assertThat(first.getBoolean("match")).isTrue();
    assertThat(answer.getJsonArray("units").getJsonObject(1).getBoolean("match")).isFalse();

    String petition = desk.opened(xudong, CaseDesk.bin().put("category", "petition").put("site", "pd-jinpen")
        .put("title", "来访")).getString("id");
    assertThat(ids(units(district, petition)).get(0)).isEqualTo("demo-petitions");
  }

  @Test
  void aUnitWithoutASiteInTheAreaOrSwitchedOffIsNotOfferedAndTheDispatchAgrees() {
    // 铺子嘴村 has a petition desk and a sanitation site, no checkpoint
    String id = desk.opened(xudong, CaseDesk.bin().put("site", "sn-puzizui")).getString("id");
    List<String> offered = ids(units(xudong, id));
    assertThat(offered).containsExactly("demo-sanitation", "demo-petitions");
    for (String absent : List.of("demo-checkpoints", "hekou-crew", "jinpen-old")) {
      HttpResponse<Buffer> refused = desk.act(xudong, id, "dispatch", new JsonObject().put("unit", absent));
      assertThat(refused.statusCode()).as(absent + ": " + refused.bodyAsString()).isEqualTo(422);
      assertThat(refused.bodyAsString()).contains("unit");
    }
    ok(desk.act(xudong, id, "dispatch", new JsonObject().put("unit", offered.get(1))), 200);
    assertThat(desk.detail(xudong, id).getJsonObject("case").getString("unit")).isEqualTo("demo-petitions");

    String jinpen = desk.opened(xudong, CaseDesk.bin()).getString("id");
    assertThat(ids(units(xudong, jinpen))).doesNotContain("jinpen-old", "hekou-crew");
  }

  @Test
  void aCaseOutOfScopeAnswersAsOneThatDoesNotExist() {
    String id = desk.opened(xudong, CaseDesk.bin()).getString("id");
    HttpResponse<Buffer> outOfScope = desk.get(shiqiao, "/api/v1/cases/" + id + "/units");
    HttpResponse<Buffer> unknown = desk.get(shiqiao, "/api/v1/cases/" + UUID.randomUUID() + "/units");
    assertThat(outOfScope.statusCode()).isEqualTo(404);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(outOfScope.bodyAsJsonObject()).isEqualTo(unknown.bodyAsJsonObject());
    assertThat(desk.get(xudong, "/api/v1/cases/not-a-case/units").statusCode()).isEqualTo(404);
    assertThat(outOfScope.bodyAsString()).doesNotContain("demo-sanitation", "Hash", "token");
  }

  @Test
  void onlyOfficersAsk() {
    String id = desk.opened(xudong, CaseDesk.bin()).getString("id");
    String path = "/api/v1/cases/" + id + "/units";
    assertThat(desk.unit(desk.server.client.get(path), TestTown.SANITATION).send().await().statusCode())
        .isEqualTo(desk.unit(desk.server.client.get("/api/v1/cases/" + id), TestTown.SANITATION).send().await()
            .statusCode()).isEqualTo(403);
    assertThat(desk.server.client.get(path).send().await().statusCode()).isEqualTo(401);
    assertThat(units(xudong, id).encode()).doesNotContain("tokenSha256", "token");
  }

  private static JsonObject units(String cookie, String id) {
    return ok(desk.get(cookie, "/api/v1/cases/" + id + "/units"), 200);
  }

  private static List<String> ids(JsonObject answer) {
    return answer.getJsonArray("units").stream().map(u -> ((JsonObject) u).getString("id")).toList();
  }
}
