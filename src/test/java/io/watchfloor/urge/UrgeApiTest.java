package io.watchfloor.urge;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestTown;
import io.watchfloor.bus.Addresses;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.watchfloor.urge.UrgeDesk.ok;
import static io.watchfloor.urge.UrgeDesk.sites;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 催报 over HTTP on PostgreSQL (docs/api.md#催报-urging-late-reporters): who may urge, which sites, which bodies;
 * the repeat limit, also between two officers at once; the unit's held field page answered at once; its
 * request let go when it closes; and the review's count of what followed.
 */
@PgTest
class UrgeApiTest {
  static final Instant NOON = Instant.parse("2026-12-07T04:00:00Z");
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Test
  void onlyAnOfficerUrgesOnlyTheSitesOfTheirScopeWithAGoodBodyAndABadOneChangesNothing() {
    try (UrgeDesk desk = UrgeDesk.postgres("wf_test_urge_api", new MutableClock(NOON), new JsonObject())) {
      HttpResponse<Buffer> anonymous = desk.server.client.post("/api/v1/compliance/urge")
          .sendJsonObject(sites("sn-jinpen")).await();
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(desk.urge(desk.signIn(UrgeDesk.VIEWER), sites("sn-jinpen")).statusCode()).isEqualTo(403);
      HttpResponse<Buffer> unit = desk.server.client.post("/api/v1/compliance/urge")
          .putHeader("Authorization", "Bearer " + TestTown.SANITATION).sendJsonObject(sites("sn-jinpen")).await();
      assertThat(unit.statusCode()).as("a unit urges nobody").isIn(401, 403);

      String xudong = desk.signIn(UrgeDesk.XUDONG);
      HttpResponse<Buffer> outside = desk.urge(xudong, sites("sn-jinpen", "pd-hekou"));
      assertThat(outside.statusCode()).as("石桥镇's site is none of 许东镇's officer").isEqualTo(404);
      assertThat(outside.bodyAsString()).contains("pd-hekou");
      assertThat(desk.urge(xudong, sites("no-such-site")).statusCode()).isEqualTo(404);

      JsonArray many = new JsonArray();
      for (int i = 0; i < 201; i++) {
        many.add("sn-jinpen");
      }
      // not a JSON object is 400; a JSON object with bad fields is 422 naming each, as on every other body of the
      // API (found by Portman's variation under Newman: the urging alone answered an unknown field with 400)
      List<String> malformed = List.of("not json", "[\"sn-jinpen\"]", "{\"sites\":[\"sn-jinpen\"],\"sites\":[\"pd-jinpen\"]}", "");
      List<String> invalid = List.of("{\"sites\":\"sn-jinpen\"}", "{\"sites\":[]}",
          new JsonObject().put("sites", many).encode(), "{\"sites\":[\"sn-jinpen\"],\"urgent\":true}",
          new JsonObject().put("sites", new JsonArray().add("sn-jinpen")).put("note", "催".repeat(201)).encode(),
          "{\"sites\":[42]}", "{\"sites\":[\"sn-jinpen\"],\"note\":7}", "{}");
      for (String body : malformed) {
        HttpResponse<Buffer> refused = desk.urgeRaw(xudong, body);
        assertThat(refused.statusCode()).as(body).isEqualTo(400);
        assertThat(refused.getHeader("Content-Type")).as(body).isEqualTo("application/problem+json");
      }
      for (String body : invalid) {
        HttpResponse<Buffer> refused = desk.urgeRaw(xudong, body);
        assertThat(refused.statusCode()).as(body).isEqualTo(422);
        assertThat(refused.getHeader("Content-Type")).as(body).isEqualTo("application/problem+json");
        assertThat(refused.bodyAsJsonObject().getJsonArray("errors")).as(body).isNotEmpty();
      }
      assertThat(desk.stored()).as("nothing refused was urged").isZero();
      assertThat(desk.today(TestTown.SANITATION).getJsonArray("urgings")).isEmpty();

      JsonObject fine = ok(desk.urge(xudong, sites("sn-jinpen", "sn-jinpen").put("note", "催".repeat(200))), 200);
      assertThat(fine.getJsonArray("urged")).hasSize(1);
      assertThat(desk.stored()).isEqualTo(1);
    }
  }

  @Test
  void aSiteIsUrgedOnceInTenMinutesEvenByTwoOfficersAtOnce() {
    MutableClock clock = new MutableClock(NOON);
    try (UrgeDesk desk = UrgeDesk.postgres("wf_test_urge_limit", clock, new JsonObject())) {
      List<JsonObject> published = new CopyOnWriteArrayList<>();
      desk.server.vertx.eventBus().<JsonObject>consumer(Addresses.COMPLIANCE_URGED, m -> published.add(m.body()));
      String duty = desk.signIn(UrgeDesk.DISTRICT);
      String xudong = desk.signIn(UrgeDesk.XUDONG);

      JsonObject first = ok(desk.urge(xudong, sites("sn-jinpen", "pd-jinpen").put("note", "今日未报")), 200);
      assertThat(first.getJsonArray("urged")).hasSize(2);
      assertThat(first.getJsonArray("limited")).isEmpty();
      await().atMost(PATIENCE).until(() -> published.size() == 2);
      JsonObject event = published.stream().filter(e -> e.getString("site").equals("sn-jinpen")).findFirst().orElseThrow();
      assertThat(event.fieldNames()).containsExactlyInAnyOrder("id", "site", "siteName", "unit", "area", "areaName",
          "note", "by", "at");
      assertThat(event.getString("unit")).isEqualTo("demo-sanitation");
      assertThat(event.getString("area")).isEqualTo("jinpen");
      assertThat(event.getString("by")).isEqualTo(UrgeDesk.XUDONG);
      assertThat(event.getString("note")).isEqualTo("今日未报");
      assertThat(Instant.parse(event.getString("at"))).isEqualTo(NOON);

      JsonObject listed = ok(desk.officer(desk.server.client.get("/api/v1/compliance/urgings"), xudong).send().await(), 200);
      assertThat(listed.getJsonArray("urgings")).extracting(u -> ((JsonObject) u).getString("site"))
          .containsExactlyInAnyOrder("sn-jinpen", "pd-jinpen");
      assertThat(desk.officer(desk.server.client.get("/api/v1/compliance/urgings?scope=shiqiao"), xudong).send().await()
          .statusCode()).isEqualTo(403);
      assertThat(ok(desk.officer(desk.server.client.get("/api/v1/compliance/urgings?scope=shiqiao"), duty).send().await(), 200)
          .getJsonArray("urgings")).isEmpty();
      assertThat(desk.officer(desk.server.client.get("/api/v1/compliance/urgings"), desk.signIn(UrgeDesk.VIEWER)).send()
          .await().statusCode()).isEqualTo(403);

      clock.advance(Duration.ofMinutes(9));
      JsonObject second = ok(desk.urge(duty, sites("sn-jinpen", "sn-liangting")), 200);
      assertThat(second.getJsonArray("urged")).extracting(u -> ((JsonObject) u).getString("site"))
          .containsExactly("sn-liangting");
      assertThat(second.getJsonArray("limited")).containsExactly(new JsonObject().put("site", "sn-jinpen")
          .put("until", NOON.plus(Duration.ofMinutes(10)).toString()));

      clock.advance(Duration.ofMinutes(1));
      for (int round = 0; round < 5; round++) {
        clock.advance(Duration.ofMinutes(10));
        Future<HttpResponse<Buffer>> a = desk.officer(desk.server.client.post("/api/v1/compliance/urge"), duty)
            .sendJsonObject(sites("sn-jinpen"));
        Future<HttpResponse<Buffer>> b = desk.officer(desk.server.client.post("/api/v1/compliance/urge"), xudong)
            .sendJsonObject(sites("sn-jinpen"));
        Future.all(a, b).await();
        int urged = ok(a.result(), 200).getJsonArray("urged").size() + ok(b.result(), 200).getJsonArray("urged").size();
        assertThat(urged).as("two officers at once, round " + round).isEqualTo(1);
      }
      assertThat(desk.stored()).isEqualTo(2 + 1 + 5);
    }
  }

  @Test
  void aHeldFieldPageIsAnsweredAtOnceAndLetGoWhenItCloses() {
    MutableClock clock = new MutableClock(NOON);
    JsonObject overrides = new JsonObject().put("compliance", new JsonObject().put("poll-waiters", 1));
    try (UrgeDesk desk = UrgeDesk.postgres("wf_test_urge_poll", clock, overrides)) {
      String xudong = desk.signIn(UrgeDesk.XUDONG);
      JsonObject opened = desk.today(TestTown.SANITATION);
      assertThat(opened.getJsonArray("urgings")).isEmpty();
      String next = opened.getString("next");

      Future<HttpResponse<Buffer>> held = desk.server.client.get("/api/v1/urgings?after=" + next)
          .putHeader("Authorization", "Bearer " + TestTown.SANITATION).send();
      await().atMost(PATIENCE).until(() -> UrgeWaiters.held(desk.server.vertx) == 1);
      HttpResponse<Buffer> over = desk.server.client.get("/api/v1/urgings?after=" + next)
          .putHeader("Authorization", "Bearer " + TestTown.SANITATION).send().await();
      assertThat(over.statusCode()).as("the node holds one at most here").isEqualTo(503);
      assertThat(over.getHeader("Retry-After")).isNotNull();

      long urgedAt = System.nanoTime();
      ok(desk.urge(xudong, sites("pd-jinpen")), 200);
      assertThat(UrgeWaiters.held(desk.server.vertx)).as("another unit's site wakes nobody").isEqualTo(1);
      ok(desk.urge(xudong, sites("sn-jinpen").put("note", "请于14时前上报")), 200);
      JsonObject answered = ok(held.await(), 200);
      assertThat(Duration.ofNanos(System.nanoTime() - urgedAt)).isLessThan(Duration.ofSeconds(2));
      JsonObject urging = answered.getJsonArray("urgings").getJsonObject(0);
      assertThat(answered.getJsonArray("urgings")).hasSize(1);
      assertThat(urging.getString("site")).isEqualTo("sn-jinpen");
      assertThat(urging.getString("siteName")).isNotBlank();
      assertThat(urging.getString("note")).isEqualTo("请于14时前上报");
      assertThat(answered.getString("next")).isEqualTo(urging.getString("at"));
      assertThat(UrgeWaiters.held(desk.server.vertx)).isZero();
      assertThat(desk.today(TestTown.SANITATION).getJsonArray("urgings")).as("the page opened again shows it").hasSize(1);
      assertThat(desk.today(TestTown.PETITIONS).getJsonArray("urgings")).extracting(u -> ((JsonObject) u).getString("site"))
          .containsExactly("pd-jinpen");

      HttpClient raw = desk.server.vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(desk.server.port));
      HttpClientRequest request = raw.request(HttpMethod.GET, "/api/v1/urgings?after=" + answered.getString("next")).await();
      request.putHeader("Authorization", "Bearer " + TestTown.SANITATION).send();
      await().atMost(PATIENCE).until(() -> UrgeWaiters.held(desk.server.vertx) == 1);
      request.connection().close().await();
      await().atMost(PATIENCE).until(() -> UrgeWaiters.held(desk.server.vertx) == 0);
      raw.close().await();

      HttpResponse<Buffer> badAfter = desk.server.client.get("/api/v1/urgings?after=yesterday")
          .putHeader("Authorization", "Bearer " + TestTown.SANITATION).send().await();
      assertThat(badAfter.statusCode()).isEqualTo(400);
      assertThat(desk.server.client.get("/api/v1/urgings").send().await().statusCode()).isEqualTo(401);
    }
  }

  @Test
  void theReviewCountsTheUrgingsAndTheReportsThatFollowed() {
    MutableClock clock = new MutableClock(NOON);
    try (UrgeDesk desk = UrgeDesk.postgres("wf_test_urge_review", clock, new JsonObject())) {
      String duty = desk.signIn(UrgeDesk.DISTRICT);
      ok(desk.urge(duty, sites("sn-jinpen", "sn-liangting", "pd-hekou")), 200);
      clock.advance(Duration.ofMinutes(7));
      assertThat(desk.report(TestTown.SANITATION, "sn-jinpen", clock.instant()).statusCode()).isEqualTo(201);
      clock.advance(Duration.ofMinutes(10));
      assertThat(desk.report(TestTown.SANITATION, "sn-liangting", clock.instant()).statusCode()).isEqualTo(201);

      JsonObject xudong = ok(desk.review(duty, "xudong", "2026-12-07"), 200).getJsonObject("urgings");
      assertThat(xudong).isEqualTo(new JsonObject().put("count", 2).put("sites", 2).put("followed", 2)
          .put("medianMinutes", 12.0));
      JsonObject district = ok(desk.review(duty, "changling", "2026-12-07"), 200).getJsonObject("urgings");
      assertThat(district.getInteger("count")).isEqualTo(3);
      assertThat(district.getInteger("followed")).isEqualTo(2);
      assertThat(ok(desk.review(duty, "xudong", "2026-12-06"), 200).getJsonObject("urgings").getInteger("count")).isZero();
    }
  }
}
