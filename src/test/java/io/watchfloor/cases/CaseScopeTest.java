package io.watchfloor.cases;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.watchfloor.cases.CaseDesk.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who reaches which case (docs/api.md, cases): an officer the cases of their scope's subtree, a unit the cases
 * dispatched to it and those it opened; display keys and viewers none of the case API. A case out of reach
 * answers exactly as one that does not exist, and is left as it was.
 */
@PgTest
class CaseScopeTest {
  private static CaseDesk desk;
  private static Map<String, String> cookies;
  /** At 金盆村 (许东镇), dispatched to demo-sanitation. */
  private static String jinpen;
  private static String photo;

  @BeforeAll
  static void start() {
    desk = CaseDesk.postgres("wf_test_case_scope", new MutableClock(CaseApiTest.NOON));
    cookies = Map.of("district", desk.signIn(CaseDesk.DISTRICT), "xudong", desk.signIn(CaseDesk.XUDONG),
        "shiqiao", desk.signIn(CaseDesk.SHIQIAO));
    jinpen = desk.opened(cookies.get("xudong"), CaseDesk.bin()).getString("id");
    ok(desk.act(cookies.get("xudong"), jinpen, "dispatch", new JsonObject().put("unit", "demo-sanitation")), 200);
    ok(desk.task(TestTown.SANITATION, jinpen, "accept", new JsonObject()), 200);
    ok(desk.report(TestTown.SANITATION, jinpen, "已清运", List.of(CaseDesk.jpeg(2000, 9))), 200);
    photo = desk.detail(cookies.get("district"), jinpen).getJsonArray("photos").getJsonObject(0).getString("id");
  }

  @AfterAll
  static void stop() {
    desk.server.close();
  }

  static Stream<Arguments> matrix() {
    String[][] endpoints = {
        {"GET", "/api/v1/cases/%s"}, {"GET", "/api/v1/cases/%s/photos/" + "%p"}, {"POST", "/api/v1/cases/%s/urge"},
        {"GET", "/api/v1/tasks/%s"}, {"GET", "/api/v1/tasks/%s/photos/%p"}, {"POST", "/api/v1/tasks/%s/accept"},
        {"GET", "/api/v1/cases"}, {"GET", "/api/v1/tasks"}, {"GET", "/api/v1/cases/%s/units"}};
    // expected status per caller, in the order of endpoints above; the case is reported, so accept is a 409
    Map<String, int[]> expected = Map.of(
        "nobody", new int[] {401, 401, 401, 401, 401, 401, 401, 401, 401},
        "display", new int[] {403, 403, 403, 403, 403, 403, 403, 403, 403},
        "district", new int[] {200, 200, 200, 403, 403, 403, 200, 403, 200},
        "xudong", new int[] {200, 200, 200, 403, 403, 403, 200, 403, 200},
        "shiqiao", new int[] {404, 404, 404, 403, 403, 403, 200, 403, 404},
        "sanitation", new int[] {403, 403, 403, 200, 200, 409, 403, 200, 403},
        "petitions", new int[] {403, 403, 403, 404, 404, 404, 403, 200, 403});
    return expected.entrySet().stream().flatMap(e -> {
      Stream.Builder<Arguments> rows = Stream.builder();
      for (int i = 0; i < endpoints.length; i++) {
        rows.add(Arguments.of(e.getKey(), endpoints[i][0], endpoints[i][1], e.getValue()[i]));
      }
      return rows.build();
    });
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @MethodSource("matrix")
  void onlyThoseWhoReachTheCaseGetIt(String caller, String method, String template, int status) {
    String path = template.replace("%s", jinpen).replace("%p", photo);
    JsonObject before = desk.detail(cookies.get("district"), jinpen).getJsonObject("case");
    HttpResponse<Buffer> response = call(caller, method, path);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    if (status == 404) {
      HttpResponse<Buffer> missing = call(caller, method, template.replace("%s", UUID.randomUUID().toString())
          .replace("%p", photo));
      assertThat(response.bodyAsJsonObject()).as("out of reach reads as missing").isEqualTo(missing.bodyAsJsonObject());
    }
    JsonObject after = desk.detail(cookies.get("district"), jinpen).getJsonObject("case");
    if (status != 200 || method.equals("GET")) {
      assertThat(after).as("nothing changed").isEqualTo(before);
    }
  }

  private static HttpResponse<Buffer> call(String caller, String method, String path) {
    HttpRequest<Buffer> request = desk.server.client.request(HttpMethod.valueOf(method), path);
    switch (caller) {
      case "nobody" -> { }
      case "display" -> request.addQueryParam("key", TestTown.DISPLAY_KEY);
      case "sanitation" -> desk.unit(request, TestTown.SANITATION);
      case "petitions" -> desk.unit(request, TestTown.PETITIONS);
      default -> desk.officer(request, cookies.get(caller));
    }
    return (method.equals("POST") ? request.sendJsonObject(new JsonObject()) : request.send()).await();
  }

  @Test
  void listsHoldOnlyWhatTheCallerReaches() {
    String shiqiao = cookies.get("shiqiao");
    String hekou = desk.opened(shiqiao, CaseDesk.bin().put("site", "sn-hekou")).getString("id");
    assertThat(ids(desk.list(shiqiao, ""))).contains(hekou).doesNotContain(jinpen);
    assertThat(ids(desk.list(cookies.get("xudong"), ""))).contains(jinpen).doesNotContain(hekou);
    assertThat(ids(desk.list(cookies.get("district"), ""))).contains(jinpen, hekou);
    assertThat(ids(desk.list(cookies.get("district"), "?scope=shiqiao"))).contains(hekou).doesNotContain(jinpen);
    assertThat(ids(desk.list(cookies.get("district"), "?area=jinpen"))).contains(jinpen).doesNotContain(hekou);
    assertThat(desk.get(cookies.get("xudong"), "/api/v1/cases?scope=shiqiao").statusCode()).isEqualTo(403);
    assertThat(ids(desk.tasks(TestTown.SANITATION))).contains(jinpen).doesNotContain(hekou);
    assertThat(ids(desk.tasks(TestTown.PETITIONS))).doesNotContain(jinpen);
    HttpResponse<Buffer> act = desk.act(shiqiao, jinpen, "supervise", new JsonObject().put("level", "red"));
    assertThat(act.statusCode()).isEqualTo(404);
    assertThat(desk.detail(cookies.get("district"), jinpen).getJsonObject("case").getString("supervision")).isNull();
  }

  @Test
  void aUnitReachesTheCaseItOpenedFromTheFieldAndNoOtherUnitDoes() {
    Map<String, Object> event = new java.util.LinkedHashMap<>(CaseDesk.bin().put("site", "sn-puzizui")
        .put("title", "路边倾倒建筑垃圾").getMap());
    Buffer seen = CaseDesk.jpeg(40_000, 11);
    event.put("photo#0", seen);
    JsonObject opened = ok(CaseDesk.multipart(desk.unit(desk.server.client.post("/api/v1/tasks"), TestTown.SANITATION),
        event).await(), 201);
    assertThat(opened.getString("source")).isEqualTo("field");
    assertThat(opened.getString("openedBy")).isEqualTo("unit:demo-sanitation");
    assertThat(opened.getString("area")).isEqualTo("puzizui");
    String id = opened.getString("id");
    assertThat(desk.unit(desk.server.client.get("/api/v1/tasks/" + id), TestTown.SANITATION).send().await().statusCode())
        .isEqualTo(200);
    assertThat(desk.unit(desk.server.client.get("/api/v1/tasks/" + id), TestTown.PETITIONS).send().await().statusCode())
        .isEqualTo(404);
    assertThat(desk.detail(cookies.get("xudong"), id).getJsonObject("case").getString("state")).isEqualTo("new");
    assertThat(desk.get(cookies.get("shiqiao"), "/api/v1/cases/" + id).statusCode()).isEqualTo(404);
    JsonObject photo = desk.detail(cookies.get("xudong"), id).getJsonArray("photos").getJsonObject(0);
    assertThat(photo.getInteger("seq")).as("kept with the opening line").isEqualTo(1);
    assertThat(desk.get(cookies.get("xudong"), photo.getString("url")).body()).isEqualTo(seen);
  }

  private static List<String> ids(io.vertx.core.json.JsonArray cases) {
    return cases.stream().map(c -> ((JsonObject) c).getString("id")).toList();
  }
}
