package io.watchfloor.rules;

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
import io.watchfloor.bus.Addresses;
import io.watchfloor.ops.HashSecret;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rules of /admin on PostgreSQL: listed to every admin, changed only by the district's admin with
 * the rules file's own validation (a 422 naming the field, nothing changed), previewed on today's
 * reports, and in force for the very next report, on this node at once and on another within 1 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@PgTest
public class RuleApiTest {
  static final String DB = "wf_test_rule_api";
  static final Instant NOON = Instant.parse("2026-11-21T04:00:00Z");
  /** The first report two minutes before the second: the preview replays them in the order observed. */
  static final Instant EARLIER = NOON.minusSeconds(120);
  static final String TOWN_ADMIN = "shiqiao-admin";
  static final String TOWN_ADMIN_PASS = "shiqiao-admin-test-pass";
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private static String url;
  private static MutableClock clock;
  private static TestServer server;
  private static String admin;

  /** The shipped access file with one town admin more, of 石桥镇. */
  public static JsonObject access() {
    JsonObject access = TestServer.shipped("access.json");
    access.getJsonArray("operators").add(new JsonObject().put("username", TOWN_ADMIN).put("name", "石桥镇管理员")
        .put("role", "admin").put("scope", "shiqiao").put("passwordHash", HashSecret.password(TOWN_ADMIN_PASS)));
    return access;
  }

  static TestServer start(String url, MutableClock clock) {
    return TestServer.start(new JsonObject().put("store", new JsonObject().put("kind", "postgres")
        .put("pg", new JsonObject().put("url", url).put("connect-timeout-ms", 1000))), clock, access());
  }

  @BeforeAll
  static void startServer() {
    url = TestDatabase.fresh(DB);
    clock = new MutableClock(NOON);
    server = start(url, clock);
    admin = new Api(server).signIn("admin", "admin-demo-pass");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  static HttpRequest<Buffer> as(TestServer on, HttpRequest<Buffer> request, String cookie) {
    return request.putHeader("Cookie", cookie).putHeader("Origin", new Api(on).origin());
  }

  static JsonObject rules(TestServer on, String cookie) {
    HttpResponse<Buffer> response = as(on, on.client.get("/api/v1/admin/rules"), cookie).send().await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  static JsonObject setting(JsonObject rules, String id) {
    return rules.getJsonArray("rules").stream().map(JsonObject.class::cast).filter(r -> id.equals(r.getString("id")))
        .findFirst().orElseThrow();
  }

  static HttpResponse<Buffer> put(TestServer on, String cookie, String id, JsonObject body) {
    return as(on, on.client.put("/api/v1/admin/rules/" + id), cookie).sendJsonObject(body).await();
  }

  static HttpResponse<Buffer> preview(String cookie, String id, JsonObject body) {
    return as(server, server.client.post("/api/v1/admin/rules/" + id + "/preview"), cookie).sendJsonObject(body).await();
  }

  static JsonObject turnedBack(String site, int persons, Instant observed) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.ofInstant(observed, ZoneOffset.ofHours(8)).toString())
        .put("metrics", new JsonObject().put("persons_turned_back", persons));
  }

  static JsonArray alerts(String cookie) {
    HttpResponse<Buffer> response = as(server, server.client.get("/api/v1/alerts"), cookie).send().await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonArray("alerts");
  }

  static List<String> rulesFired(String cookie) {
    return alerts(cookie).stream().map(a -> ((JsonObject) a).getString("rule")).toList();
  }

  @Test
  @Order(1)
  void everyAdminListsTheSeededRulesAndNobodyElse() {
    JsonObject rules = rules(server, admin);
    assertThat(rules.getLong("version")).isEqualTo(1);
    assertThat(rules.getBoolean("editable")).isTrue();
    assertThat(rules.getJsonArray("rules").stream().map(r -> ((JsonObject) r).getString("id")).toList())
        .as("the rules file's, in its order").containsExactly("escalated-petition", "group-petition", "turned-back-surge",
            "town-turned-back-surge", "low-sanitation-score", "petition-desk-missing", "checkpoint-spike");
    JsonObject surge = setting(rules, "turned-back-surge");
    assertThat(surge.getBoolean("enabled")).isTrue();
    assertThat(surge.getJsonObject("rule").getMap()).containsEntry("above", 50).containsEntry("window", "PT1H")
        .containsEntry("severity", "warning").containsEntry("scope", "site");

    String town = new Api(server).signIn(TOWN_ADMIN, TOWN_ADMIN_PASS);
    assertThat(rules(server, town).getBoolean("editable")).as("a town's admin sees the district's rules").isFalse();

    String officer = new Api(server).signIn("duty", "duty-demo-pass");
    assertThat(as(server, server.client.get("/api/v1/admin/rules"), officer).send().await().statusCode()).isEqualTo(403);
    assertThat(server.client.get("/api/v1/admin/rules").putHeader("Authorization", "Bearer " + TestTown.CHECKPOINTS)
        .send().await().statusCode()).as("a unit").isEqualTo(403);
    assertThat(server.client.get("/api/v1/admin/rules").addQueryParam("key", TestTown.DISPLAY_KEY).send().await()
        .statusCode()).as("a display key").isEqualTo(403);
    assertThat(server.client.get("/api/v1/admin/rules").send().await().statusCode()).isEqualTo(401);
  }

  @Test
  @Order(2)
  void aMistakeIsA422NamingTheFieldAndChangesNothing() {
    JsonObject before = rules(server, admin);
    JsonObject surge = setting(before, "turned-back-surge").getJsonObject("rule");
    record Bad(JsonObject body, String field) {
    }
    List<Bad> bad = List.of(
        new Bad(new JsonObject().put("rule", surge.copy().put("above", "fifty")), "rule.above"),
        new Bad(new JsonObject().put("rule", surge.copy().put("above", -5)), "rule.above"),
        new Bad(new JsonObject().put("rule", surge.copy().put("window", "PT2H")), "rule.window"),
        new Bad(new JsonObject().put("rule", surge.copy().put("window", "an hour")), "rule.window"),
        new Bad(new JsonObject().put("rule", surge.copy().put("severity", "urgent")), "rule.severity"),
        new Bad(new JsonObject().put("rule", surge.copy().put("kind", "any")), "rule.kind"),
        new Bad(new JsonObject().put("rule", surge.copy().put("colour", "red")), "rule.colour"),
        new Bad(new JsonObject().put("rule", surge.copy().put("below", 3)), "rule"),
        new Bad(new JsonObject().put("enabled", "yes"), "enabled"),
        new Bad(new JsonObject().put("rule", surge.copy().put("metric", "nonsense")), "rule.metric"));
    for (Bad b : bad) {
      HttpResponse<Buffer> response = put(server, admin, "turned-back-surge", b.body());
      assertThat(response.statusCode()).as(b.body().encode()).isEqualTo(422);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
          .as(b.body().encode()).isEqualTo(b.field());
    }
    JsonObject spike = setting(before, "checkpoint-spike").getJsonObject("rule");
    HttpResponse<Buffer> factor = put(server, admin, "checkpoint-spike", new JsonObject().put("rule", spike.copy().put("factor", 0.5)));
    assertThat(factor.statusCode()).isEqualTo(422);
    assertThat(factor.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("rule.factor");
    JsonObject score = setting(before, "low-sanitation-score").getJsonObject("rule");
    HttpResponse<Buffer> gauge = put(server, admin, "low-sanitation-score", new JsonObject().put("rule", score.copy().put("below", 160)));
    assertThat(gauge.statusCode()).as("a score out of its 0–100").isEqualTo(422);
    assertThat(gauge.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("message")).contains("0 to 100");

    assertThat(put(server, admin, "no-such-rule", new JsonObject().put("enabled", false)).statusCode()).isEqualTo(404);
    String town = new Api(server).signIn(TOWN_ADMIN, TOWN_ADMIN_PASS);
    HttpResponse<Buffer> townPut = put(server, town, "turned-back-surge", new JsonObject().put("enabled", false));
    assertThat(townPut.statusCode()).as("only the district's admin changes the district's rules").isEqualTo(403);
    HttpResponse<Buffer> noOrigin = server.client.put("/api/v1/admin/rules/turned-back-surge").putHeader("Cookie", admin)
        .sendJsonObject(new JsonObject().put("enabled", false)).await();
    assertThat(noOrigin.statusCode()).as("a cookie change from another site").isEqualTo(403);

    assertThat(rules(server, admin).put("editable", true)).as("nothing changed").isEqualTo(before);
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'rule.update'")).isZero();
  }

  @Test
  @Order(3)
  void theNextReportMeetsTheChangedRuleAndTheWindowAlreadyHoldsWhatCameBefore() {
    assertThat(new Api(server).postReport(TestTown.CHECKPOINTS, turnedBack("cp-highway-exit", 30, EARLIER)).statusCode())
        .isEqualTo(201);
    JsonObject surge = setting(rules(server, admin), "turned-back-surge").getJsonObject("rule");

    HttpResponse<Buffer> changed = put(server, admin, "turned-back-surge",
        new JsonObject().put("enabled", true).put("rule", surge.copy().put("above", 20).put("severity", "critical")));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);
    JsonObject change = changed.bodyAsJsonObject();
    assertThat(change.getJsonObject("before").getJsonObject("rule").getInteger("above")).isEqualTo(50);
    assertThat(change.getJsonObject("after").getJsonObject("rule").getInteger("above")).isEqualTo(20);
    assertThat(change.getJsonObject("after").getString("updatedBy")).isEqualTo("admin");
    assertThat(change.getLong("version")).isEqualTo(2);
    assertThat(TestDatabase.count(DB, "SELECT count(*) FROM access_audit WHERE action = 'rule.update'"
        + " AND target = 'turned-back-surge' AND actor = 'admin' AND scope = 'changling'"
        + " AND (before->'rule'->>'above')::int = 50 AND (after->'rule'->>'above')::int = 20"))
        .as("audited with before and after, in the change's transaction").isEqualTo(1);
    assertThat(alerts(admin).size()).as("30 was under the old 50: nothing fired").isZero();

    assertThat(new Api(server).postReport(TestTown.CHECKPOINTS, turnedBack("cp-highway-exit", 5, NOON)).statusCode()).isEqualTo(201);
    JsonObject alert = await("the next report fires on the new bound").atMost(PATIENCE)
        .until(() -> alerts(admin), a -> a.size() == 1).getJsonObject(0);
    assertThat(alert.getString("rule")).isEqualTo("turned-back-surge");
    assertThat(alert.getString("severity")).as("the new severity").isEqualTo("critical");
    assertThat(alert.getString("detail")).as("the earlier 30 is in the window").contains("= 35").contains("> 20");
  }

  @Test
  @Order(4)
  void aDisabledRuleFiresNothingWhileTheOthersStillDo() {
    JsonObject escalated = setting(rules(server, admin), "escalated-petition");
    HttpResponse<Buffer> off = put(server, admin, "escalated-petition", new JsonObject().put("enabled", false));
    assertThat(off.statusCode()).as(off.bodyAsString()).isEqualTo(200);
    assertThat(off.bodyAsJsonObject().getJsonObject("after").getJsonObject("rule")).isEqualTo(escalated.getJsonObject("rule"));
    JsonObject both = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "pd-jinpen")
        .put("observedAt", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.ofHours(8)).toString())
        .put("metrics", new JsonObject().put("escalated_petitions", 1).put("group_petitions", 1));
    assertThat(new Api(server).postReport(TestTown.PETITIONS, both).statusCode()).isEqualTo(201);
    await("the group petition fires").atMost(PATIENCE).until(() -> rulesFired(admin).contains("group-petition"));
    assertThat(rulesFired(admin)).as("the same report, the disabled rule").doesNotContain("escalated-petition");
    assertThat(setting(rules(server, admin), "escalated-petition").getBoolean("enabled")).isFalse();
  }

  @Test
  @Order(5)
  void thePreviewReplaysTodayWithTheRuleAsEditedWithinTheAdminsScope() {
    JsonObject surge = setting(rules(server, admin), "turned-back-surge").getJsonObject("rule");
    HttpResponse<Buffer> low = preview(admin, "turned-back-surge", new JsonObject().put("rule", surge.copy().put("above", 10)));
    assertThat(low.statusCode()).as(low.bodyAsString()).isEqualTo(200);
    JsonObject result = low.bodyAsJsonObject();
    assertThat(result.getInteger("reports")).isEqualTo(3);
    assertThat(result.getString("day")).isEqualTo("2026-11-21");
    JsonArray subjects = result.getJsonArray("subjects");
    assertThat(subjects.size()).isEqualTo(1);
    JsonObject site = subjects.getJsonObject(0);
    assertThat(site.getString("subject")).isEqualTo("cp-highway-exit");
    assertThat(site.getInteger("count")).as("30 > 10, then 35 > 10").isEqualTo(2);
    assertThat(site.getString("firstAt")).isEqualTo(EARLIER.toString());
    assertThat(site.getString("lastAt")).isEqualTo(NOON.toString());
    assertThat(site.getJsonObject("name").getString("zh")).isNotBlank();

    HttpResponse<Buffer> high = preview(admin, "turned-back-surge", new JsonObject().put("rule", surge.copy().put("above", 100)));
    assertThat(high.bodyAsJsonObject().getJsonArray("subjects")).isEmpty();
    HttpResponse<Buffer> bad = preview(admin, "turned-back-surge", new JsonObject().put("rule", surge.copy().put("above", "x")));
    assertThat(bad.statusCode()).isEqualTo(422);

    String town = new Api(server).signIn(TOWN_ADMIN, TOWN_ADMIN_PASS);
    HttpResponse<Buffer> theirs = preview(town, "turned-back-surge", new JsonObject().put("rule", surge.copy().put("above", 10)));
    assertThat(theirs.statusCode()).isEqualTo(200);
    assertThat(theirs.bodyAsJsonObject().getJsonArray("subjects")).as("许东镇's checkpoint is not 石桥镇's").isEmpty();
    assertThat(setting(rules(server, admin), "turned-back-surge").getJsonObject("rule").getInteger("above"))
        .as("a preview stores nothing").isEqualTo(20);
  }

  @Test
  @Order(6)
  void aChangeReachesAnotherNodeWithinASecondAndARestartKeepsIt() {
    try (TestServer other = start(url, clock)) {
      AtomicLong seen = new AtomicLong();
      other.vertx.eventBus().<JsonObject>localConsumer(Addresses.RULES_CHANGED, m -> seen.accumulateAndGet(m.body().getLong("version"), Math::max));
      String otherAdmin = new Api(other).signIn("admin", "admin-demo-pass");
      long version = rules(other, otherAdmin).getLong("version");
      JsonObject surge = setting(rules(server, admin), "turned-back-surge").getJsonObject("rule");
      // not clustered: only the other node's version check can bring it
      HttpResponse<Buffer> changed = put(server, admin, "turned-back-surge", new JsonObject().put("rule", surge.copy().put("above", 25)));
      assertThat(changed.statusCode()).isEqualTo(200);
      long started = System.nanoTime();
      await("the other node takes the change").atMost(ONE_SECOND).until(() -> seen.get() == version + 1);
      System.out.printf("rule change reached the other node in %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }
    server.close();
    server = start(url, clock);
    admin = new Api(server).signIn("admin", "admin-demo-pass");
    JsonObject rules = rules(server, admin);
    assertThat(setting(rules, "turned-back-surge").getJsonObject("rule").getInteger("above"))
        .as("the store was seeded once; the file does not come back at a restart").isEqualTo(25);
    assertThat(setting(rules, "escalated-petition").getBoolean("enabled")).isFalse();
  }

  @Test
  @Order(7)
  void theEmbeddedStoreTakesAChangeAuditsItAndTheNextReportMeetsIt() {
    try (TestServer memory = TestServer.start(new JsonObject(), new MutableClock(NOON), access())) {
      String cookie = new Api(memory).signIn("admin", "admin-demo-pass");
      JsonObject escalated = setting(rules(memory, cookie), "escalated-petition");
      HttpResponse<Buffer> off = put(memory, cookie, "escalated-petition", new JsonObject().put("enabled", false));
      assertThat(off.statusCode()).as(off.bodyAsString()).isEqualTo(200);
      assertThat(off.bodyAsJsonObject().getLong("version")).isEqualTo(2);
      HttpResponse<Buffer> bad = put(memory, cookie, "escalated-petition",
          new JsonObject().put("rule", escalated.getJsonObject("rule").copy().put("severity", 3)));
      assertThat(bad.statusCode()).isEqualTo(422);
      assertThat(bad.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("rule.severity");

      JsonObject both = new JsonObject().put("id", UUID.randomUUID().toString()).put("site", "pd-hekou")
          .put("observedAt", OffsetDateTime.ofInstant(NOON, ZoneOffset.ofHours(8)).toString())
          .put("metrics", new JsonObject().put("escalated_petitions", 2).put("group_petitions", 1));
      assertThat(new Api(memory).postReport(TestTown.PETITIONS, both).statusCode()).isEqualTo(201);
      JsonArray fired = await("the group petition fires").atMost(PATIENCE).until(() -> {
        HttpResponse<Buffer> response = as(memory, memory.client.get("/api/v1/alerts"), cookie).send().await();
        return response.bodyAsJsonObject().getJsonArray("alerts");
      }, a -> !a.isEmpty());
      assertThat(fired.stream().map(a -> ((JsonObject) a).getString("rule")).toList()).containsExactly("group-petition");

      HttpResponse<Buffer> audit = as(memory, memory.client.get("/api/v1/admin/audit"), cookie).send().await();
      assertThat(audit.statusCode()).isEqualTo(200);
      JsonObject line = audit.bodyAsJsonObject().getJsonArray("entries").stream().map(JsonObject.class::cast)
          .filter(e -> "rule.update".equals(e.getString("action"))).findFirst().orElseThrow();
      assertThat(line.getString("target")).isEqualTo("escalated-petition");
      assertThat(line.getJsonObject("before").getBoolean("enabled")).isTrue();
      assertThat(line.getJsonObject("after").getBoolean("enabled")).isFalse();
    }
  }
}
