package io.watchfloor.admin;

import io.watchfloor.PgTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.audit.AuditLog;
import io.watchfloor.MutableClock;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.bus.BusFailure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Every text a person can send gets the report note's treatment on PostgreSQL: a NUL or an unpaired
 * surrogate is a 422 naming the field and nothing is stored, never a 503 that says "resend" nor a '?'
 * in place of the character. A number beyond a field's range is a 422 too, never wrapped into range.
 * The texts are sent as raw JSON so each escape reaches the server as written.
 */
@PgTest
class StoredTextPgTest extends AdminServerBase {
  private static final String DB = TestDatabase.name("wf_test_stored_text");
  /** The JSON literals that cannot be kept: a NUL, a lone high and a lone low surrogate. */
  private static final List<String> UNSTORABLE = List.of("\"a\\u0000b\"", "\"x\\ud800\"", "\"\\udc00y\"");
  private static final String CHECKPOINT = TestTown.CATALOGUE.subtreeSites("chengguan").stream()
      .filter(s -> s.kind().equals("checkpoint")).findFirst().orElseThrow().id();

  @BeforeAll
  static void start() {
    serve(TestServer.postgres(TestDatabase.fresh(DB), MutableClock.system()));
  }

  /** {@code body} with its "@" value replaced by the literal, as raw JSON. */
  private static HttpResponse<Buffer> send(String method, String path, String cookie, JsonObject body, String literal) {
    String raw = body.encode().replace("\"@\"", literal);
    var request = method.equals("PUT") ? server.client.put(path) : server.client.post(path);
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    return request.putHeader("Origin", api.origin).putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer(raw)).await();
  }

  private static void assert422(HttpResponse<Buffer> answer, String field, String what) {
    assertThat(answer.statusCode()).as("%s: %s", what, answer.bodyAsString()).isEqualTo(422);
    assertThat(answer.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).as(what).isEqualTo(field);
    assertThat(answer.getHeader("Retry-After")).as("%s is not worth a resend", what).isNull();
  }

  private static long count(String sql) {
    return TestDatabase.count(DB, sql);
  }

  @Test
  void unitOperatorAndKeyNamesAre422NamingTheFieldAndNothingIsStored() {
    String admin = admin();
    long units = count("SELECT count(*) FROM access_unit");
    long operators = count("SELECT count(*) FROM access_operator");
    long keys = count("SELECT count(*) FROM access_display_key");
    long audit = count("SELECT count(*) FROM access_audit");
    for (String literal : UNSTORABLE) {
      assert422(send("POST", "/api/v1/admin/units", admin, AdminApiContract.unit("text-unit", "cp-highway-exit").put("name", "@"),
          literal), "name", "unit name " + literal);
      assert422(send("POST", "/api/v1/admin/operators", admin, AdminApiContract.operator("text-op", "district",
          AdminApiContract.STRONG).put("name", "@"), literal), "name", "operator name " + literal);
      assert422(send("POST", "/api/v1/admin/display-keys", admin, new JsonObject().put("label", "@"), literal), "label",
          "key label " + literal);
      assert422(send("POST", "/api/v1/admin/units", admin, new JsonObject().put("id", "text-unit-2").put("name", "组")
          .put("sites", new JsonArray().add("@")), literal), "sites", "a site id " + literal);
    }
    assertThat(count("SELECT count(*) FROM access_unit")).isEqualTo(units);
    assertThat(count("SELECT count(*) FROM access_operator")).isEqualTo(operators);
    assertThat(count("SELECT count(*) FROM access_display_key")).isEqualTo(keys);
    assertThat(count("SELECT count(*) FROM access_audit")).isEqualTo(audit);
    assertThat(count("SELECT count(*) FROM access_unit WHERE name LIKE '%?%'")).isZero();
  }

  @Test
  void aRuleTitleIs422NamingItAndTheRuleIsUnchanged() {
    String admin = admin();
    long version = count("SELECT version FROM rule_version");
    for (String literal : UNSTORABLE) {
      JsonObject edit = new JsonObject().put("rule", storedRule(admin, "escalated-petition")
          .put("title", new JsonObject().put("zh", "@").put("en", "t")));
      assert422(send("PUT", "/api/v1/admin/rules/escalated-petition", admin, edit, literal), "rule.title.zh",
          "rule title " + literal);
    }
    assertThat(count("SELECT version FROM rule_version")).isEqualTo(version);
    assertThat(count("SELECT count(*) FROM rule_setting WHERE body->'title'->>'zh' <> '越级访' AND id = 'escalated-petition'"))
        .isZero();
  }

  @Test
  void aSignInUsernameIs422NamingItBeforeAnyPasswordIsTried() {
    for (String literal : UNSTORABLE) {
      HttpResponse<Buffer> answer = send("POST", "/api/v1/session", null,
          new JsonObject().put("username", "@").put("password", "whatever"), literal);
      assert422(answer, "username", "username " + literal);
    }
  }

  @Test
  void alertNotesAre422NamingNoteAndTheAlertIsUnchanged() {
    String duty = api.signIn("duty", "duty-demo-pass");
    JsonObject report = TestTown.body(UUID.randomUUID(), "pd-jinpen", now().toString(),
        new JsonObject().put("escalated_petitions", 1));
    assertThat(api.report(TestTown.PETITIONS, report).statusCode()).isEqualTo(201);
    String id = await().atMost(Duration.ofSeconds(20)).until(() -> openAlert(duty), a -> a != null);
    for (String literal : UNSTORABLE) {
      assert422(send("POST", "/api/v1/alerts/" + id + "/ack", duty, new JsonObject().put("note", "@"), literal), "note",
          "ack note " + literal);
      assert422(send("POST", "/api/v1/alerts/" + id + "/resolve", duty, new JsonObject().put("note", "@"), literal), "note",
          "resolve note " + literal);
    }
    assertThat(count("SELECT count(*) FROM alert WHERE id = '" + id + "' AND state = 'open'")).isEqualTo(1);
    assertThat(openAlert(duty)).isEqualTo(id);
  }

  @Test
  void aFlagClearNoteOrMetricIs422NamingItAndTheFlagStaysUncleared() {
    String duty = api.signIn("duty", "duty-demo-pass");
    assertThat(api.report(TestTown.CHECKPOINTS, TestTown.body(UUID.randomUUID(), CHECKPOINT, now().minusMinutes(2).toString(),
        new JsonObject().put("vehicles_checked", 10).put("vehicles_turned_back", 2))).statusCode()).isEqualTo(201);
    UUID flagged = UUID.randomUUID();
    assertThat(api.report(TestTown.CHECKPOINTS, TestTown.body(flagged, CHECKPOINT, now().minusMinutes(1).toString(),
        new JsonObject().put("vehicles_turned_back", 15))).statusCode()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM report_flag WHERE report_id = '" + flagged + "'") == 1);
    String metric = TestDatabase.count(DB, "SELECT count(*) FROM report_flag WHERE report_id = '" + flagged
        + "' AND metric = 'vehicles_turned_back'") == 1 ? "vehicles_turned_back" : "vehicles_checked";
    for (String literal : UNSTORABLE) {
      assert422(send("POST", "/api/v1/flags/" + flagged + "/" + metric + "/clear", duty, new JsonObject().put("note", "@"),
          literal), "note", "flag note " + literal);
    }
    assert422(send("POST", "/api/v1/flags/" + flagged + "/a%00b/clear", duty, new JsonObject().put("note", "@"), "\"checked\""),
        "metric", "a NUL in the metric of the path");
    assertThat(count("SELECT count(*) FROM report_flag WHERE report_id = '" + flagged + "' AND cleared_at IS NULL")).isEqualTo(1);
  }

  /** A NUL or a lone surrogate in a query or a path is the caller's mistake on every read, never the store's 5xx. */
  @Test
  void aNulInAQueryOrPathIsNeverA5xx() {
    String duty = api.signIn("duty", "duty-demo-pass");
    String admin = admin();
    for (String bad : List.of("%00", "a%00b", "%ED%A0%80")) {
      for (String path : List.of("/api/v1/alerts?scope=" + bad, "/api/v1/alerts/" + bad, "/api/v1/compliance?scope=" + bad,
          "/api/v1/rankings/" + bad, "/api/v1/rankings/vehicles_checked?scope=" + bad, "/api/v1/reports?site=" + bad,
          "/api/v1/series?metric=" + bad + "&scope=" + bad, "/api/v1/review?scope=" + bad + "&date=" + bad,
          "/api/v1/review/replay?scope=" + bad + "&date=" + bad, "/api/v1/handover?from=" + bad + "&to=" + bad,
          "/api/v1/snapshot?scope=" + bad)) {
        assertThat(api.get(path, duty).statusCode()).as(path).isBetween(400, 499);
      }
      assertThat(api.get("/api/v1/admin/audit?action=" + bad, admin).statusCode()).isEqualTo(422);
      assertThat(api.post("/api/v1/admin/units/" + bad + "/disable", admin, null).statusCode()).isBetween(400, 499);
      assertThat(api.post("/api/v1/admin/operators/" + bad + "/reset", admin, null).statusCode()).isBetween(400, 499);
      assertThat(api.delete("/api/v1/admin/display-keys/" + bad, admin).statusCode()).isBetween(400, 499);
    }
  }

  /** What got past every check at the door is still the client's to correct: a 422 from the store, never a 503. */
  @Test
  void aValueTheDatabaseRefusesIsA422NotTheStoreBeingDown() {
    Throwable failure = catchThrowable(() -> new AuditLog(server.vertx, Clock.systemUTC())
        .record("test", "test.nul", "a\u0000b", "district", null, null).await());
    assertThat(failure).isInstanceOf(ReplyException.class);
    assertThat(failure).isInstanceOf(BusFailure.class);
    assertThat(((BusFailure) failure).status()).as(String.valueOf(failure)).isEqualTo(422);
    assertThat(((BusFailure) failure).retryAfterSeconds()).isNull();
    assertThat(count("SELECT count(*) FROM access_audit WHERE action = 'test.nul'")).isZero();
  }

  @Test
  void aNumberBeyondItsRangeIs422NeverWrappedIntoIt() {
    String admin = admin();
    assertThat(api.post("/api/v1/admin/units", admin, AdminApiContract.unit("wrap-unit", "cp-highway-exit")).statusCode())
        .isEqualTo(201);
    long audit = count("SELECT count(*) FROM access_audit WHERE target = 'wrap-unit'");
    for (String literal : List.of("18446744073709551716", "-18446744073709551516", "4294967396", "1e400", "100.5", "-1")) {
      assert422(send("POST", "/api/v1/admin/units/wrap-unit/token", admin, new JsonObject().put("graceSeconds", "@"), literal),
          "graceSeconds", "graceSeconds " + literal);
    }
    assertThat(count("SELECT count(*) FROM access_audit WHERE target = 'wrap-unit'")).as("no rotation happened").isEqualTo(audit);
    long version = count("SELECT version FROM rule_version");
    for (String literal : List.of("18446744073709551617", "1e400", "-1e400", "1e-400", "2.5")) {
      JsonObject edit = new JsonObject().put("rule", storedRule(admin, "checkpoint-spike").put("minCount", "@"));
      HttpResponse<Buffer> answer = send("PUT", "/api/v1/admin/rules/checkpoint-spike", admin, edit, literal);
      assert422(answer, "rule.minCount", "minCount " + literal);
    }
    for (String literal : List.of("1e400", "-1e400")) {
      JsonObject edit = new JsonObject().put("rule", storedRule(admin, "turned-back-surge").put("above", "@"));
      HttpResponse<Buffer> answer = send("PUT", "/api/v1/admin/rules/turned-back-surge", admin, edit, literal);
      assert422(answer, "rule.above", "above " + literal);
    }
    assertThat(count("SELECT version FROM rule_version")).isEqualTo(version);
  }

  private static JsonObject storedRule(String admin, String id) {
    return api.get("/api/v1/admin/rules", admin).bodyAsJsonObject().getJsonArray("rules").stream().map(JsonObject.class::cast)
        .filter(r -> id.equals(r.getString("id"))).findFirst().orElseThrow().getJsonObject("rule");
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
  }

  private static String openAlert(String cookie) {
    HttpResponse<Buffer> list = api.get("/api/v1/alerts?state=open", cookie);
    return list.bodyAsJsonObject().getJsonArray("alerts").stream().map(JsonObject.class::cast)
        .filter(a -> "escalated-petition".equals(a.getString("rule"))).map(a -> a.getString("id")).findFirst().orElse(null);
  }
}
