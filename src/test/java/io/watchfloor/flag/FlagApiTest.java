package io.watchfloor.flag;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.bus.Addresses;
import io.watchfloor.sim.DemoCredentials;
import io.watchfloor.store.StoreMessages.FlagsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flags at ingest, against PostgreSQL, with history built through the API day by day on an injected
 * clock: a sanitation score far from the village's 28 days is flagged and one within them is not; a
 * checkpoint whose turned-back total passes its checked total is flagged as implausible; the ranking
 * counts the uncleared flags; clearing is stored with who, when and why, a second clear is 409, and
 * another town's officer gets the 403 of any area outside their scope.
 */
@PgTest
class FlagApiTest {
  private static final String DATABASE = "wf_test_flags";
  private static final ZoneOffset CST = ZoneOffset.ofHours(8);
  private static final OffsetDateTime FIRST_DAY = OffsetDateTime.parse("2026-10-20T10:00:00+08:00");
  private static final OffsetDateTime REVIEW_DAY = FIRST_DAY.plusDays(28);
  private static final String VILLAGE_SITE = "sn-jinpen";        // 金盆村, in 许东镇
  private static final String OTHER_TOWN_CHECKPOINT = TestTown.CATALOGUE.subtreeSites("chengguan").stream()
      .filter(s -> s.kind().equals("checkpoint")).findFirst().orElseThrow().id();
  private static TestServer server;
  private static Api api;
  private static String townOfficer;
  private static String districtOfficer;
  private static final UUID WILD = UUID.randomUUID();
  private static final UUID USUAL = UUID.randomUUID();
  private static final UUID TURNED_BACK = UUID.randomUUID();

  @BeforeAll
  static void start() {
    MutableClock clock = new MutableClock(FIRST_DAY.plusMinutes(5).toInstant());
    server = TestServer.postgres(TestDatabase.fresh(DATABASE), clock);
    api = new Api(server);
    for (int day = 0; day < 28; day++) {
      OffsetDateTime at = FIRST_DAY.plusDays(day);
      clock.set(at.plusMinutes(5).toInstant());
      post(TestTown.SANITATION, UUID.randomUUID(), VILLAGE_SITE, at, new JsonObject().put("score", 85 + day % 5));
    }
    clock.set(REVIEW_DAY.plusHours(2).toInstant());
    post(TestTown.SANITATION, WILD, VILLAGE_SITE, REVIEW_DAY, new JsonObject().put("score", 12));
    post(TestTown.SANITATION, USUAL, VILLAGE_SITE, REVIEW_DAY.plusMinutes(30), new JsonObject().put("score", 88));
    post(TestTown.CHECKPOINTS, UUID.randomUUID(), OTHER_TOWN_CHECKPOINT, REVIEW_DAY,
        new JsonObject().put("vehicles_checked", 10).put("vehicles_turned_back", 2));
    post(TestTown.CHECKPOINTS, TURNED_BACK, OTHER_TOWN_CHECKPOINT, REVIEW_DAY.plusMinutes(30),
        new JsonObject().put("vehicles_turned_back", 15));
    townOfficer = api.signIn(DemoCredentials.XUDONG_DUTY, DemoCredentials.XUDONG_DUTY_PASSWORD);
    districtOfficer = api.signIn("duty", DemoCredentials.DUTY_PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void post(String token, UUID id, String site, OffsetDateTime at, JsonObject metrics) {
    HttpResponse<Buffer> response = api.postReport(token, TestTown.body(id, site, at.toString(), metrics));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  private static JsonArray flags() {
    LocalDate day = REVIEW_DAY.toLocalDate();
    List<String> sites = List.of(VILLAGE_SITE, OTHER_TOWN_CHECKPOINT);
    return await().atMost(Duration.ofSeconds(10)).until(() -> server.vertx.eventBus().<JsonArray>request(Addresses.STORE_FLAGS,
            new FlagsRequest(day, day.plusDays(1), sites)).await().body(),
        list -> list.size() >= 2);
  }

  private static JsonObject flagOf(UUID reportId) {
    return flags().stream().map(JsonObject.class::cast).filter(f -> f.getString("reportId").equals(reportId.toString()))
        .findFirst().orElse(null);
  }

  private static HttpResponse<Buffer> clear(String cookie, UUID reportId, String metric, JsonObject body) {
    return server.client.post("/api/v1/flags/" + reportId + "/" + metric + "/clear").putHeader("Cookie", cookie)
        .putHeader("Origin", api.origin()).sendJsonObject(body).await();
  }

  @Test
  void aScoreFarFromTheVillagesMonthIsFlaggedAndAUsualOneIsNot() {
    JsonObject wild = flagOf(WILD);
    assertThat(wild).as(flags().encode()).isNotNull();
    assertThat(wild.getString("reason")).isEqualTo("outlier");
    assertThat(wild.getString("metric")).isEqualTo("score");
    assertThat(wild.getDouble("value")).isEqualTo(12.0);
    assertThat(wild.getString("day")).isEqualTo("2026-11-17");
    assertThat(flagOf(USUAL)).isNull();
  }

  @Test
  void aTurnedBackTotalAboveTheCheckedTotalIsImplausible() {
    JsonObject flag = flagOf(TURNED_BACK);
    assertThat(flag).as(flags().encode()).isNotNull();
    assertThat(flag.getString("reason")).isEqualTo("implausible");
    assertThat(flag.getString("metric")).isEqualTo("vehicles_turned_back");
    assertThat(flag.getString("detail")).contains("17").contains("10");
  }

  @Test
  void theDaysReviewListsTheFlagsOfItsScopeOnly() {
    flags();
    String day = REVIEW_DAY.toLocalDate().toString();
    JsonArray district = server.client.get("/api/v1/review").addQueryParam("date", day).putHeader("Cookie", districtOfficer)
        .send().await().bodyAsJsonObject().getJsonArray("flags");
    assertThat(district.stream().map(f -> ((JsonObject) f).getString("reportId")))
        .as(district.encode()).contains(WILD.toString(), TURNED_BACK.toString());
    JsonArray town = server.client.get("/api/v1/review").addQueryParam("date", day).putHeader("Cookie", townOfficer)
        .send().await().bodyAsJsonObject().getJsonArray("flags");
    assertThat(town.stream().map(f -> ((JsonObject) f).getString("reportId")))
        .as("许东镇's review holds its own village's flag, not another town's checkpoint").as(town.encode())
        .contains(WILD.toString()).doesNotContain(TURNED_BACK.toString());
  }

  @Test
  void theRankingCountsUnclearedFlagsPerArea() {
    flags();
    JsonObject ranking = server.client.get("/api/v1/rankings/score").putHeader("Cookie", districtOfficer)
        .send().await().bodyAsJsonObject();
    JsonObject xudong = ranking.getJsonArray("areas").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("area").equals("xudong")).findFirst().orElseThrow();
    assertThat(xudong.getLong("flagged")).as(ranking.encode()).isEqualTo(1);
    JsonObject town = server.client.get("/api/v1/rankings/score").putHeader("Cookie", townOfficer)
        .send().await().bodyAsJsonObject();
    JsonObject jinpen = town.getJsonArray("areas").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("area").equals("jinpen")).findFirst().orElseThrow();
    assertThat(jinpen.getLong("flagged")).as(town.encode()).isEqualTo(1);
  }

  @Test
  void clearingIsStoredWithWhoWhenAndWhyOnceOnly() {
    flags();
    assertThat(clear(districtOfficer, TURNED_BACK, "vehicles_turned_back", new JsonObject()).statusCode()).isEqualTo(422);
    assertThat(clear(districtOfficer, UUID.randomUUID(), "vehicles_turned_back", new JsonObject().put("note", "x")).statusCode())
        .isEqualTo(404);
    HttpResponse<Buffer> first = clear(districtOfficer, TURNED_BACK, "vehicles_turned_back",
        new JsonObject().put("note", "交接班补录，已核实"));
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    JsonObject cleared = flagOf(TURNED_BACK).getJsonObject("cleared");
    assertThat(cleared.getString("by")).isEqualTo("duty");
    assertThat(cleared.getString("note")).isEqualTo("交接班补录，已核实");
    assertThat(cleared.getString("at")).isEqualTo(server.clock.instant().toString());
    HttpResponse<Buffer> second = clear(districtOfficer, TURNED_BACK, "vehicles_turned_back", new JsonObject().put("note", "again"));
    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(TestDatabase.count(DATABASE, "SELECT count(*) FROM report_flag WHERE clear_note = '交接班补录，已核实'")).isEqualTo(1);
  }

  @Test
  void aTownOfficerCannotClearAnotherTownsFlag() {
    flags();
    HttpResponse<Buffer> response = clear(townOfficer, TURNED_BACK, "vehicles_turned_back", new JsonObject().put("note", "not mine"));
    assertThat(response.statusCode()).isEqualTo(403);
    HttpResponse<Buffer> unknown = server.client.get("/api/v1/alerts").addQueryParam("scope", "atlantis")
        .putHeader("Cookie", townOfficer).send().await();
    assertThat(response.bodyAsString()).isEqualTo(unknown.bodyAsString());
  }
}
