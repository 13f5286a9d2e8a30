package io.watchfloor.cases;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestTown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.watchfloor.cases.CaseDesk.ok;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input to the case and task API (docs/api.md, cases) is a clear 4xx naming what is wrong, and
 * changes nothing: the case and its trail are as they were, and no case was opened.
 */
@PgTest
class CaseBadInputTest {
  private static CaseDesk desk;
  private static String duty;
  private static String xudong;
  /** Dispatched to demo-sanitation at 凉亭村, where no checkpoint unit works. */
  private static String dispatched;
  /** Handling by demo-sanitation, for the report's photos. */
  private static String handling;

  @BeforeAll
  static void start() {
    desk = CaseDesk.postgres("wf_test_case_bad_input", new MutableClock(CaseApiTest.NOON));
    duty = desk.signIn(CaseDesk.DISTRICT);
    xudong = desk.signIn(CaseDesk.XUDONG);
    JsonObject liangting = CaseDesk.bin().put("site", "sn-liangting");
    dispatched = desk.opened(duty, liangting).getString("id");
    ok(desk.act(duty, dispatched, "dispatch", new JsonObject().put("unit", "demo-sanitation")), 200);
    handling = desk.opened(duty, CaseDesk.bin()).getString("id");
    ok(desk.act(duty, handling, "dispatch", new JsonObject().put("unit", "demo-sanitation")), 200);
    ok(desk.task(TestTown.SANITATION, handling, "accept", new JsonObject()), 200);
  }

  @AfterAll
  static void stop() {
    desk.server.close();
  }

  static void refused(HttpResponse<Buffer> response, int status, String... fields) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    List<String> named = problem.getJsonArray("errors", new JsonArray()).stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
    assertThat(named).as(problem.encode()).containsExactlyInAnyOrder(fields);
  }

  static Stream<Arguments> badOpenings() {
    JsonObject bin = CaseDesk.bin();
    return Stream.of(
        Arguments.of("no title", without(bin, "title"), new String[] {"title"}),
        Arguments.of("a title too long", bin.copy().put("title", "长".repeat(101)), new String[] {"title"}),
        Arguments.of("a blank description", bin.copy().put("description", "   "), new String[] {"description"}),
        Arguments.of("an unknown category", bin.copy().put("category", "fire"), new String[] {"category"}),
        Arguments.of("an unknown urgency", bin.copy().put("urgency", "high"), new String[] {"urgency"}),
        Arguments.of("a number for a title", bin.copy().put("title", 7), new String[] {"title"}),
        Arguments.of("an unknown site", bin.copy().put("site", "sn-nowhere"), new String[] {"site"}),
        Arguments.of("an unknown area", without(bin, "site").put("area", "atlantis"), new String[] {"area"}),
        Arguments.of("an area without the site", bin.copy().put("area", "hekou"), new String[] {"area"}),
        Arguments.of("neither site nor area", without(bin, "site"), new String[] {"area"}),
        Arguments.of("an alert that does not exist", bin.copy().put("alert", UUID.randomUUID().toString()), new String[] {"alert"}),
        Arguments.of("an alert that is no UUID", bin.copy().put("alert", "alert-1"), new String[] {"alert"}),
        Arguments.of("an id that is no UUID", bin.copy().put("id", "case-1"), new String[] {"id"}),
        Arguments.of("a field of no case", bin.copy().put("priority", 1), new String[] {"priority"}),
        Arguments.of("a NUL in the description", bin.copy().put("description", "满溢\u0000"), new String[] {"description"}),
        Arguments.of("an unpaired surrogate", bin.copy().put("title", "垃圾\ud800"), new String[] {"title"}),
        Arguments.of("several at once", bin.copy().put("category", "fire").put("urgency", "high").put("site", "x"),
            new String[] {"category", "urgency", "site"}));
  }

  private static JsonObject without(JsonObject body, String field) {
    JsonObject copy = body.copy();
    copy.remove(field);
    return copy;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOpenings")
  void aBadOpeningNamesItsFieldsAndOpensNothing(String what, JsonObject body, String[] fields) {
    int before = desk.list(duty, "").size();
    refused(desk.open(duty, body), 422, fields);
    assertThat(desk.list(duty, "")).hasSize(before);
  }

  @Test
  void aTownOfficerCannotOpenACaseElsewhere() {
    int before = desk.list(duty, "").size();
    refused(desk.open(xudong, CaseDesk.bin().put("site", "sn-hekou")), 422, "site");
    refused(desk.open(xudong, without(CaseDesk.bin(), "site").put("area", "shiqiao")), 422, "area");
    assertThat(desk.list(duty, "")).hasSize(before);
  }

  @Test
  void aBodyThatIsNoJsonObjectIsA400() {
    int before = desk.list(duty, "").size();
    Buffer duplicate = Buffer.buffer("{\"title\":\"a\",\"title\":\"b\",\"category\":\"other\",\"urgency\":\"normal\","
        + "\"site\":\"sn-jinpen\",\"description\":\"d\"}");
    for (Buffer body : List.of(duplicate, Buffer.buffer("{\"title\":"), Buffer.buffer("[1,2]"), Buffer.buffer("\"text\""))) {
      HttpResponse<Buffer> response = desk.officer(desk.server.client.post("/api/v1/cases"), duty)
          .putHeader("Content-Type", "application/json").sendBuffer(body).await();
      refused(response, 400);
    }
    assertThat(desk.list(duty, "")).hasSize(before);
  }

  @Test
  void aBadIdempotencyKeyIsA400() {
    int before = desk.list(duty, "").size();
    for (String key : List.of("k".repeat(65), "clé", "two words", "\"\"", "tab\tkey")) {
      HttpResponse<Buffer> response = desk.officer(desk.server.client.post("/api/v1/cases"), duty)
          .putHeader("Idempotency-Key", key).sendJsonObject(CaseDesk.bin()).await();
      assertThat(response.statusCode()).as("key [" + key + "]").isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(desk.list(duty, "")).hasSize(before);
  }

  static Stream<Arguments> badActs() {
    return Stream.of(
        Arguments.of("dispatch", new JsonObject(), 422, new String[] {"unit"}),
        Arguments.of("dispatch", new JsonObject().put("unit", "demo-nobody"), 422, new String[] {"unit"}),
        Arguments.of("verify", new JsonObject().put("passed", "yes").put("note", "n"), 422, new String[] {"passed"}),
        Arguments.of("verify", new JsonObject().put("passed", true), 422, new String[] {"note"}),
        Arguments.of("supervise", new JsonObject().put("level", "green"), 422, new String[] {"level"}),
        Arguments.of("park", new JsonObject(), 422, new String[] {"note"}),
        Arguments.of("urge", new JsonObject().put("note", "快").put("loud", true), 422, new String[] {"loud"}),
        Arguments.of("extension", new JsonObject().put("granted", true).put("until", "tomorrow"), 422,
            new String[] {"until"}),
        Arguments.of("extension", new JsonObject().put("granted", true), 409, new String[] {}),
        Arguments.of("verify", new JsonObject().put("passed", true).put("note", "n"), 409, new String[] {}),
        Arguments.of("resume", new JsonObject(), 409, new String[] {}),
        Arguments.of("explode", new JsonObject(), 404, new String[] {}),
        Arguments.of("accept", new JsonObject(), 404, new String[] {}));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("badActs")
  void aBadOfficerActNamesWhatIsWrongAndChangesNothing(String action, JsonObject body, int status, String[] fields) {
    JsonObject before = desk.detail(duty, dispatched);
    HttpResponse<Buffer> response = desk.act(duty, dispatched, action, body);
    refused(response, status, fields);
    if (status == 409) {
      assertThat(response.bodyAsJsonObject().getString("state")).isEqualTo("dispatched");
      assertThat(response.bodyAsJsonObject().getJsonArray("allowed").getList())
          .containsExactly("accept", "return", "extend", "park", "cancel", "supervise", "urge");
    }
    assertThat(desk.detail(duty, dispatched)).isEqualTo(before);
  }

  @Test
  void aDispatchToAUnitThatDoesNotWorkInTheAreaNamesTheUnit() {
    String fresh = desk.opened(duty, CaseDesk.bin().put("site", "sn-liangting")).getString("id");
    JsonObject before = desk.detail(duty, fresh);
    refused(desk.act(duty, fresh, "dispatch", new JsonObject().put("unit", "demo-checkpoints")), 422, "unit");
    assertThat(desk.detail(duty, fresh)).isEqualTo(before);
  }

  @Test
  void aMissingCaseAndAnIdThatIsNoneAreTheSame404() {
    HttpResponse<Buffer> missing = desk.act(duty, UUID.randomUUID().toString(), "urge", new JsonObject());
    HttpResponse<Buffer> nonsense = desk.act(duty, "not-an-id", "urge", new JsonObject());
    refused(missing, 404);
    refused(nonsense, 404);
    assertThat(nonsense.bodyAsJsonObject()).isEqualTo(missing.bodyAsJsonObject());
    assertThat(desk.get(duty, "/api/v1/cases/" + dispatched + "/photos/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
  }

  static Stream<Arguments> badTaskActs() {
    return Stream.of(
        Arguments.of("return", new JsonObject(), 422, new String[] {"reason"}),
        Arguments.of("extend", new JsonObject().put("until", "2020-01-01T00:00:00+08:00").put("reason", "r"), 422,
            new String[] {"until"}),
        Arguments.of("extend", new JsonObject().put("reason", "r"), 422, new String[] {"until"}),
        Arguments.of("accept", new JsonObject().put("note", 12), 422, new String[] {"note"}),
        Arguments.of("report", new JsonObject().put("note", "done"), 409, new String[] {}),
        Arguments.of("dispatch", new JsonObject().put("unit", "demo-sanitation"), 404, new String[] {}));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("badTaskActs")
  void aBadTaskActNamesWhatIsWrongAndChangesNothing(String action, JsonObject body, int status, String[] fields) {
    JsonObject before = desk.detail(duty, dispatched);
    refused(desk.task(TestTown.SANITATION, dispatched, action, body), status, fields);
    assertThat(desk.detail(duty, dispatched)).isEqualTo(before);
  }

  static Stream<Arguments> badPhotos() {
    Buffer jpeg = CaseDesk.jpeg(1000, 1);
    Buffer gif = Buffer.buffer("GIF89a").appendBuffer(CaseDesk.jpeg(1000, 2).slice(6, 1000));
    Buffer large = CaseDesk.jpeg(2 * 1024 * 1024 + 1, 3);
    return Stream.of(
        Arguments.of("seven photos", Collections.nCopies(7, jpeg), new String[] {"photo[6]"}),
        Arguments.of("a GIF", List.of(jpeg, gif), new String[] {"photo[1]"}),
        Arguments.of("a text named .jpg", List.of(Buffer.buffer("hello, not a photo")), new String[] {"photo[0]"}),
        Arguments.of("an empty file", List.of(Buffer.buffer()), new String[] {"photo[0]"}),
        Arguments.of("one over 2 MB", List.of(jpeg, large), new String[] {"photo[1]"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPhotos")
  void aBadPhotoIsNamedByItsPlaceAndNothingIsReported(String what, List<Buffer> photos, String[] fields) {
    JsonObject before = desk.detail(duty, handling);
    refused(desk.report(TestTown.SANITATION, handling, "已处理", photos), 422, fields);
    assertThat(desk.detail(duty, handling)).isEqualTo(before);
  }

  @Test
  void aReportWithoutItsNoteOrWithAStrayFieldNamesThem() {
    JsonObject before = desk.detail(duty, handling);
    refused(desk.report(TestTown.SANITATION, handling, null, List.of(CaseDesk.jpeg(1000, 1))), 422, "note");
    Map<String, Object> stray = CaseDesk.form("已处理", List.of());
    stray.put("weather", "晴");
    stray.put("image#0", CaseDesk.jpeg(1000, 1));
    refused(CaseDesk.multipart(desk.unit(desk.server.client.post("/api/v1/tasks/" + handling + "/report"),
        TestTown.SANITATION), stray).await(), 422, "weather", "image");
    MultipartForm chunked = MultipartForm.create().attribute("note", "已处理")
        .binaryFileUpload("photo", "a.jpg", CaseDesk.jpeg(1000, 1), "image/jpeg");
    refused(desk.unit(desk.server.client.post("/api/v1/tasks/" + handling + "/report"), TestTown.SANITATION)
        .sendMultipartForm(chunked).await(), 411);
    refused(desk.unit(desk.server.client.post("/api/v1/tasks/" + handling + "/report"), TestTown.SANITATION)
        .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer("已处理")).await(), 415);
    List<Buffer> tooMuch = new ArrayList<>(Collections.nCopies(7, CaseDesk.jpeg(2 * 1024 * 1024, 4)));
    HttpResponse<Buffer> huge = desk.report(TestTown.SANITATION, handling, "已处理", tooMuch);
    assertThat(huge.statusCode()).as("the whole body beyond every photo allowed").isEqualTo(413);
    assertThat(desk.detail(duty, handling)).isEqualTo(before);
  }

  @Test
  void aFieldEventNeedsOneOfTheUnitsOwnSites() {
    int before = desk.list(duty, "").size();
    JsonObject event = CaseDesk.bin();
    HttpResponse<Buffer> elsewhere = desk.unit(desk.server.client.post("/api/v1/tasks"), TestTown.PETITIONS)
        .sendJsonObject(event).await();
    refused(elsewhere, 422, "site");
    HttpResponse<Buffer> withAlert = desk.unit(desk.server.client.post("/api/v1/tasks"), TestTown.SANITATION)
        .sendJsonObject(event.copy().put("alert", UUID.randomUUID().toString()).put("area", "jinpen")).await();
    refused(withAlert, 422, "alert", "area");
    assertThat(desk.list(duty, "")).hasSize(before);
  }

  @Test
  void aBadQueryIsA400NamingTheParameterAndAnAreaElsewhereTheScopes403() {
    for (String query : List.of("?state=lost", "?overdue=maybe", "?limit=0", "?limit=501", "?category=fire", "?limit=x")) {
      refused(desk.get(duty, "/api/v1/cases" + query), 400, query.substring(1, query.indexOf('=')));
    }
    HttpResponse<Buffer> elsewhere = desk.get(xudong, "/api/v1/cases?area=hekou");
    HttpResponse<Buffer> scope = desk.get(xudong, "/api/v1/cases?scope=shiqiao");
    assertThat(elsewhere.statusCode()).isEqualTo(403);
    assertThat(elsewhere.bodyAsJsonObject()).isEqualTo(scope.bodyAsJsonObject());
    refused(desk.get(duty, "/api/v1/cases/stats?from=2026-12-01"), 400, "to");
    refused(desk.get(duty, "/api/v1/cases/stats?from=2026-01-01&to=2026-12-01"), 400, "to");
    refused(desk.get(duty, "/api/v1/cases/stats?from=2026-12-01&to=2026-12-07&by=street"), 400, "by");
  }
}
