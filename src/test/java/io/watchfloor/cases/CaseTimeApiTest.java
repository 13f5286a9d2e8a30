package io.watchfloor.cases;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.ops.HashSecret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The time-limit table and the calendar of /admin on PostgreSQL: read by every admin, changed only by the
 * district's admin, each mistake a 4xx naming the field with nothing changed, each change audited and in
 * force on another node within a second.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@PgTest
class CaseTimeApiTest {
  static final String DB = "wf_test_case_time_api";
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  static final String AUDITED = "SELECT count(*) FROM access_audit WHERE action IN ('case-limits.update', 'calendar.update')";

  static final String TOWN_ADMIN = "shiqiao-admin";
  static final String TOWN_ADMIN_PASS = "shiqiao-admin-test-pass";

  private static String url;
  private static TestServer server;
  private static String admin;

  /** The shipped access file with one town admin more, of 石桥镇. */
  static JsonObject access() {
    JsonObject access = TestServer.shipped("access.json");
    access.getJsonArray("operators").add(new JsonObject().put("username", TOWN_ADMIN).put("name", "石桥镇管理员")
        .put("role", "admin").put("scope", "shiqiao").put("passwordHash", HashSecret.password(TOWN_ADMIN_PASS)));
    return access;
  }

  static TestServer start(String url) {
    return TestServer.start(new JsonObject().put("store", new JsonObject().put("kind", "postgres")
        .put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000))), new MutableClock(NOON), access());
  }

  @BeforeAll
  static void startServer() {
    url = TestDatabase.fresh(DB);
    server = start(url);
    admin = new Api(server).signIn("admin", "admin-demo-pass");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  static HttpRequest<Buffer> as(TestServer on, HttpRequest<Buffer> request, String cookie) {
    return request.putHeader("Cookie", cookie).putHeader("Origin", new Api(on).origin());
  }

  static JsonObject get(TestServer on, String cookie, String path) {
    HttpResponse<Buffer> response = as(on, on.client.get(path), cookie).send().await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  static HttpResponse<Buffer> put(TestServer on, String cookie, String path, Buffer body) {
    return as(on, on.client.put(path), cookie).putHeader("Content-Type", "application/json").sendBuffer(body).await();
  }

  static JsonObject row(String category, String urgency, String sign, String handle, String verify) {
    return new JsonObject().put("category", category).put("urgency", urgency).put("sign", sign).put("handle", handle)
        .put("verify", verify);
  }

  static JsonObject day(String day, boolean working, String note) {
    return new JsonObject().put("day", day).put("working", working).put("note", note);
  }

  @Test
  @Order(1)
  void everyAdminReadsTheSeededTableAndCalendarAndNobodyElse() {
    JsonObject limits = get(server, admin, "/api/v1/admin/case-limits");
    assertThat(limits.getLong("version")).isEqualTo(1);
    assertThat(limits.getLong("inForce")).isEqualTo(1);
    assertThat(limits.getBoolean("editable")).isTrue();
    assertThat(limits.getJsonArray("categories").getList()).containsExactly("petition", "sanitation", "checkpoint", "other");
    JsonArray rows = limits.getJsonArray("rows");
    assertThat(rows.size()).isEqualTo(13);
    assertThat(rows.getJsonObject(0)).isEqualTo(row("petition", "normal", "30 minutes", "15 workdays", "2 hours"));
    assertThat(rows.getJsonObject(12).getString("category")).isEqualTo("*");

    JsonObject calendar = get(server, admin, "/api/v1/admin/calendar?year=2026");
    assertThat(calendar.getInteger("year")).isEqualTo(2026);
    assertThat(calendar.getJsonArray("days").size()).isEqualTo(39);
    assertThat(calendar.getJsonArray("days").getJsonObject(0)).isEqualTo(day("2026-01-01", false, "元旦"));
    assertThat(get(server, admin, "/api/v1/admin/calendar").getInteger("year")).as("this year in Shanghai").isEqualTo(2026);
    assertThat(get(server, admin, "/api/v1/admin/calendar?year=2027").getJsonArray("days")).isEmpty();

    String town = new Api(server).signIn(TOWN_ADMIN, TOWN_ADMIN_PASS);
    assertThat(get(server, town, "/api/v1/admin/case-limits").getBoolean("editable")).isFalse();
    assertThat(get(server, town, "/api/v1/admin/calendar?year=2026").getBoolean("editable")).isFalse();

    String officer = new Api(server).signIn("duty", "duty-demo-pass");
    for (String path : List.of("/api/v1/admin/case-limits", "/api/v1/admin/calendar?year=2026")) {
      assertThat(as(server, server.client.get(path), officer).send().await().statusCode()).as(path).isEqualTo(403);
      assertThat(server.client.get(path).putHeader("Authorization", "Bearer " + TestTown.SANITATION).send().await()
          .statusCode()).as("a unit").isEqualTo(403);
      assertThat(server.client.get(path).addQueryParam("key", TestTown.DISPLAY_KEY).send().await().statusCode())
          .as("a display key").isEqualTo(403);
      assertThat(server.client.get(path).send().await().statusCode()).isEqualTo(401);
    }
  }

  record Bad(String path, String body, int status, String field) {
  }

  @Test
  @Order(2)
  void eachMistakeIsA4xxNamingTheFieldAndChangesNothing() {
    JsonObject limitsBefore = get(server, admin, "/api/v1/admin/case-limits");
    JsonObject calendarBefore = get(server, admin, "/api/v1/admin/calendar?year=2026");
    JsonArray good = limitsBefore.getJsonArray("rows");
    String limits = "/api/v1/admin/case-limits";
    String year = "/api/v1/admin/calendar/2026";
    JsonArray tooMany = new JsonArray();
    for (int i = 0; i < 201; i++) {
      tooMany.add(row("c" + i, "normal", "1 hour", "1 hour", "1 hour"));
    }
    JsonArray yearLong = new JsonArray();
    for (int i = 0; i < 367; i++) {
      yearLong.add(day("2026-01-01", false, ""));
    }
    List<Bad> bad = new ArrayList<>(List.of(
        new Bad(limits, "[]", 422, "(body)"),
        new Bad(limits, "{\"rows\": " + good.encode() + ", \"note\": 1}", 422, "note"),
        new Bad(limits, "{}", 422, "rows"),
        new Bad(limits, "{\"rows\": {}}", 422, "rows"),
        new Bad(limits, "{\"rows\": []}", 422, "rows"),
        new Bad(limits, "{\"rows\": " + tooMany.encode() + "}", 422, "rows"),
        new Bad(limits, "{\"rows\": [1]}", 422, "rows[0]"),
        new Bad(limits, rows(good, 0, "colour", "red"), 422, "rows[0].colour"),
        new Bad(limits, rows(good, 0, "category", "Petition"), 422, "rows[0].category"),
        new Bad(limits, rows(good, 0, "category", 7), 422, "rows[0].category"),
        new Bad(limits, rows(good, 0, "category", "traffic"), 422, "rows[0].category"),
        new Bad(limits, rows(good, 1, "urgency", "soon"), 422, "rows[1].urgency"),
        new Bad(limits, rows(good, 1, "urgency", "*"), 422, "rows[1].urgency"),
        new Bad(limits, rows(good, 2, "sign", "30 mins"), 422, "rows[2].sign"),
        new Bad(limits, rows(good, 2, "handle", "0 hours"), 422, "rows[2].handle"),
        new Bad(limits, rows(good, 2, "handle", "251 workdays"), 422, "rows[2].handle"),
        new Bad(limits, rows(good, 2, "verify", null), 422, "rows[2].verify"),
        new Bad(limits, rows(good, 3, "category", "petition"), 422, "rows[3].category"),
        new Bad(limits, "{\"rows\": " + new JsonArray(good.getList().subList(0, 12)).encode() + "}", 422, "rows"),
        new Bad(limits, "{\"rows\": [", 400, null),
        new Bad(limits, "{\"rows\": [], \"rows\": []}", 400, null),
        new Bad(limits, "{\"rows\": \"" + "x".repeat(70_000) + "\"}", 413, null),
        new Bad(year, "{}", 422, "days"),
        new Bad(year, "{\"days\": " + yearLong.encode() + "}", 422, "days"),
        new Bad(year, days(day("2026-1-1", false, "")), 422, "days[0].day"),
        new Bad(year, days(day("2026-02-30", false, "")), 422, "days[0].day"),
        new Bad(year, days(day("2027-01-01", false, "元旦")), 422, "days[0].day"),
        new Bad(year, days(day("2026-10-01", false, "a"), day("2026-10-01", true, "b")), 422, "days[1].day"),
        new Bad(year, days(new JsonObject().put("day", "2026-10-01").put("note", "")), 422, "days[0].working"),
        new Bad(year, days(day("2026-10-01", false, "").put("working", "no")), 422, "days[0].working"),
        new Bad(year, days(day("2026-10-01", false, "节".repeat(65))), 422, "days[0].note"),
        new Bad(year, days(day("2026-10-01", false, "国庆\n节")), 422, "days[0].note"),
        new Bad(year, days(day("2026-10-01", false, "国庆\u0000")), 422, "days[0].note"),
        new Bad(year, days(day("2026-10-01", false, "").put("note", 3)), 422, "days[0].note"),
        new Bad(year, days(day("2026-10-01", false, "").put("holiday", true)), 422, "days[0].holiday"),
        new Bad(year, "{\"days\": [\"2026-10-01\"]}", 422, "days[0]"),
        new Bad("/api/v1/admin/calendar/abcd", days(), 422, "year"),
        new Bad("/api/v1/admin/calendar/1999", days(), 422, "year"),
        new Bad("/api/v1/admin/calendar/2101", days(), 422, "year"),
        new Bad("/api/v1/admin/calendar/02026", days(), 422, "year")));
    for (Bad b : bad) {
      HttpResponse<Buffer> response = put(server, admin, b.path(), Buffer.buffer(b.body()));
      String what = b.path() + " " + (b.body().length() > 200 ? b.body().substring(0, 200) : b.body());
      assertThat(response.statusCode()).as(what).isEqualTo(b.status());
      if (b.field() != null) {
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
            .as(what).contains(b.field());
      }
    }
    assertThat(getStatus("/api/v1/admin/calendar?year=abc")).isEqualTo(422);
    assertThat(getStatus("/api/v1/admin/calendar?year=2026&year=2027")).isEqualTo(400);
    assertThat(getStatus("/api/v1/admin/calendar?month=10")).isEqualTo(422);

    JsonArray twoWrong = good.copy();
    twoWrong.getJsonObject(0).put("sign", "soon");
    twoWrong.getJsonObject(1).put("urgency", "later");
    HttpResponse<Buffer> several = put(server, admin, limits, Buffer.buffer(new JsonObject().put("rows", twoWrong).encode()));
    assertThat(several.bodyAsJsonObject().getJsonArray("errors").size()).as("every mistake at once").isEqualTo(2);

    String town = new Api(server).signIn(TOWN_ADMIN, TOWN_ADMIN_PASS);
    assertThat(put(server, town, limits, Buffer.buffer("{\"rows\": " + good.encode() + "}")).statusCode())
        .as("only the district's admin changes the district's table").isEqualTo(403);
    assertThat(put(server, town, year, Buffer.buffer(days())).statusCode()).isEqualTo(403);
    assertThat(server.client.put(limits).putHeader("Cookie", admin).sendBuffer(Buffer.buffer("{\"rows\": " + good.encode() + "}"))
        .await().statusCode()).as("a cookie change from another site").isEqualTo(403);
    String officer = new Api(server).signIn("duty", "duty-demo-pass");
    assertThat(put(server, officer, year, Buffer.buffer(days())).statusCode()).isEqualTo(403);

    assertThat(get(server, admin, "/api/v1/admin/case-limits")).as("nothing changed").isEqualTo(limitsBefore);
    assertThat(get(server, admin, "/api/v1/admin/calendar?year=2026")).isEqualTo(calendarBefore);
    assertThat(TestDatabase.count(DB, AUDITED)).isZero();
  }

  private static int getStatus(String path) {
    return as(server, server.client.get(path), admin).send().await().statusCode();
  }

  /** The table with one field of one row changed (null: removed). */
  private static String rows(JsonArray good, int index, String field, Object value) {
    JsonArray rows = good.copy();
    if (value == null) {
      rows.getJsonObject(index).remove(field);
    } else {
      rows.getJsonObject(index).put(field, value);
    }
    return new JsonObject().put("rows", rows).encode();
  }

  private static String days(JsonObject... days) {
    return new JsonObject().put("days", new JsonArray(List.of((Object[]) days))).encode();
  }

  @Test
  @Order(3)
  void aChangeIsStoredAuditedAndInForceOnAnotherNodeWithinASecond() {
    try (TestServer other = start(url)) {
      String otherAdmin = new Api(other).signIn("admin", "admin-demo-pass");
      assertThat(get(other, otherAdmin, "/api/v1/admin/case-limits").getLong("inForce")).isEqualTo(1);
      JsonArray rows = get(server, admin, "/api/v1/admin/case-limits").getJsonArray("rows").copy();
      rows.getJsonObject(3).put("handle", "2 workdays");
      HttpResponse<Buffer> changed = put(server, admin, "/api/v1/admin/case-limits",
          Buffer.buffer(new JsonObject().put("rows", rows).encode()));
      assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
      assertThat(changed.bodyAsJsonObject().getLong("version")).isEqualTo(2);
      assertThat(changed.bodyAsJsonObject().getLong("inForce")).as("on this node before the answer").isEqualTo(2);
      long started = System.nanoTime();
      // not clustered: only the other node's version check can bring it
      await("the other node takes the table").atMost(Duration.ofSeconds(1))
          .until(() -> get(other, otherAdmin, "/api/v1/admin/case-limits").getLong("inForce") == 2);
      System.out.printf("time-limit change in force on the other node in %d ms%n", (System.nanoTime() - started) / 1_000_000);

      HttpResponse<Buffer> year = put(server, admin, "/api/v1/admin/calendar/2027",
          Buffer.buffer(days(day("2027-01-01", false, "元旦"), day("2027-02-06", true, "春节调休上班"))));
      assertThat(year.statusCode()).as(year.bodyAsString()).isEqualTo(200);
      assertThat(year.bodyAsJsonObject().getLong("version")).isEqualTo(3);
      await("the other node takes the calendar").atMost(Duration.ofSeconds(1))
          .until(() -> get(other, otherAdmin, "/api/v1/admin/calendar?year=2027").getLong("inForce") == 3);
    }
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'case-limits.update'"
        + " AND target = 'case-limits' AND actor = 'admin' AND scope = 'changling'"
        + " AND before->'rows'->3->>'handle' = '1 workday' AND after->'rows'->3->>'handle' = '2 workdays'"))
        .as("audited with before and after").isEqualTo(1);
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'calendar.update'"
        + " AND target = 'calendar/2027' AND jsonb_array_length(before->'days') = 0 AND jsonb_array_length(after->'days') = 2"))
        .isEqualTo(1);
    assertThat(get(server, admin, "/api/v1/admin/calendar?year=2026").getJsonArray("days").size())
        .as("2026 untouched").isEqualTo(39);

    server.close();
    server = start(url);
    admin = new Api(server).signIn("admin", "admin-demo-pass");
    JsonObject limits = get(server, admin, "/api/v1/admin/case-limits");
    assertThat(limits.getJsonArray("rows").getJsonObject(3).getString("handle"))
        .as("seeded once; the file does not come back at a restart").isEqualTo("2 workdays");
    assertThat(limits.getLong("inForce")).isEqualTo(3);
  }

  @Test
  @Order(4)
  void theEmbeddedStoreTakesAChangeAndAuditsIt() {
    try (TestServer memory = TestServer.start(new JsonObject(), new MutableClock(NOON), access())) {
      String cookie = new Api(memory).signIn("admin", "admin-demo-pass");
      HttpResponse<Buffer> year = put(memory, cookie, "/api/v1/admin/calendar/2026", Buffer.buffer(days(day("2026-12-24", false, "平安夜"))));
      assertThat(year.statusCode()).as(year.bodyAsString()).isEqualTo(200);
      assertThat(get(memory, cookie, "/api/v1/admin/calendar?year=2026").getJsonArray("days").size()).isEqualTo(1);
      HttpResponse<Buffer> bad = put(memory, cookie, "/api/v1/admin/calendar/2026", Buffer.buffer(days(day("2026-13-01", false, ""))));
      assertThat(bad.statusCode()).isEqualTo(422);
      JsonObject line = get(memory, cookie, "/api/v1/admin/audit").getJsonArray("entries").stream().map(JsonObject.class::cast)
          .filter(e -> "calendar.update".equals(e.getString("action"))).findFirst().orElseThrow();
      assertThat(line.getString("target")).isEqualTo("calendar/2026");
      assertThat(line.getJsonObject("before").getJsonArray("days").size()).isEqualTo(39);
      assertThat(line.getJsonObject("after").getJsonArray("days").size()).isEqualTo(1);
    }
  }

  /**
   * The store failing between a change and its audit line (a failover, here the audit table refusing): the admin is
   * told 503, so the table must stay as it was; before, it was changed without its line, and the resend audited a
   * change from the new table to itself.
   */
  @Test
  @Order(5)
  void aChangeWhoseAuditLineCannotBeStoredIsNotKeptAndItsResendIsAuditedOnce() {
    JsonObject before = get(server, admin, "/api/v1/admin/case-limits");
    JsonArray rows = before.getJsonArray("rows").copy();
    rows.getJsonObject(0).put("handle", "5 workdays");
    Buffer change = Buffer.buffer(new JsonObject().put("rows", rows).encode());
    long audited = TestDatabase.count(DB, AUDITED);
    TestDatabase.execute(DB, "ALTER TABLE access_audit ADD CONSTRAINT wf_test_refuse CHECK (false) NOT VALID");
    try {
      HttpResponse<Buffer> refused = put(server, admin, "/api/v1/admin/case-limits", change);
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(503);
      assertThat(refused.getHeader("Retry-After")).isNotNull();
    } finally {
      TestDatabase.execute(DB, "ALTER TABLE access_audit DROP CONSTRAINT IF EXISTS wf_test_refuse");
    }
    assertThat(get(server, admin, "/api/v1/admin/case-limits")).as("nothing changed").isEqualTo(before);
    HttpResponse<Buffer> resent = put(server, admin, "/api/v1/admin/case-limits", change);
    assertThat(resent.statusCode()).as(resent.bodyAsString()).isEqualTo(200);
    assertThat(TestDatabase.count(DB, AUDITED)).as("one line, of the one change").isEqualTo(audited + 1);
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'case-limits.update'"
        + " AND before->'rows'->0->>'handle' IS DISTINCT FROM after->'rows'->0->>'handle'"
        + " AND after->'rows'->0->>'handle' = '5 workdays'")).as("from the old table to the new").isEqualTo(1);
  }
}
