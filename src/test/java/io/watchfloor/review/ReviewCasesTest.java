package io.watchfloor.review;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily review's closed loop on PostgreSQL (docs/pages.md, the daily review): three cases of one day, one
 * closed on time, one sent back for rework, one never signed for and now overdue, read back per child area,
 * per unit and in the month's 综合评价, as GET /api/v1/cases/stats counts them.
 */
@PgTest
class ReviewCasesTest {
  /** A Monday, 10:00 in Shanghai: a working day, with the day's deadlines ahead. */
  private static final Instant TEN = OffsetDateTime.parse("2026-12-07T10:00:00+08:00").toInstant();
  private static final String DAY = "2026-12-07";
  private static final MutableClock CLOCK = new MutableClock(TEN);
  private static TestServer server;
  private static String duty;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh("wf_test_review_cases"), CLOCK);
    duty = new Api(server).signIn("duty", "duty-demo-pass");
    String closed = open("sn-jinpen");
    String reworked = open("sn-liangting");
    String late = open("sn-qingshiling");
    for (String id : new String[] {closed, reworked, late}) {
      ok(officer(server.client.post("/api/v1/cases/" + id + "/dispatch")), new JsonObject().put("unit", "demo-sanitation"));
    }
    CLOCK.advance(Duration.ofMinutes(10));
    for (String id : new String[] {closed, reworked}) {
      ok(unit(server.client.post("/api/v1/tasks/" + id + "/accept")), new JsonObject());
      ok(unit(server.client.post("/api/v1/tasks/" + id + "/report")), new JsonObject().put("note", "已清运"));
    }
    CLOCK.advance(Duration.ofMinutes(10));
    ok(officer(server.client.post("/api/v1/cases/" + closed + "/verify")), new JsonObject().put("passed", true).put("note", "现场核实"));
    ok(officer(server.client.post("/api/v1/cases/" + reworked + "/verify")), new JsonObject().put("passed", false).put("note", "仍有垃圾"));
    // the third was never signed for: its 30 minutes ran out
    CLOCK.advance(Duration.ofMinutes(20));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static HttpRequest<Buffer> officer(HttpRequest<Buffer> request) {
    return request.putHeader("Cookie", duty).putHeader("Origin", new Api(server).origin());
  }

  private static HttpRequest<Buffer> unit(HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + TestTown.SANITATION);
  }

  private static JsonObject ok(HttpRequest<Buffer> request, JsonObject body) {
    HttpResponse<Buffer> response = request.sendJsonObject(body).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 201);
    return response.bodyAsJsonObject();
  }

  private static String open(String site) {
    String id = UUID.randomUUID().toString();
    ok(officer(server.client.post("/api/v1/cases")), new JsonObject().put("id", id).put("title", "垃圾满溢")
        .put("category", "sanitation").put("urgency", "normal").put("site", site).put("description", "群众来电"));
    return id;
  }

  private static JsonObject review(String query) {
    HttpResponse<Buffer> response = officer(server.client.get("/api/v1/review?date=" + DAY + query)).send().await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getJsonObject("cases");
  }

  private static JsonObject row(JsonArray rows, String key, String id) {
    return rows.stream().map(JsonObject.class::cast).filter(r -> id.equals(r.getString(key))).findFirst().orElseThrow();
  }

  @Test
  void theDistrictsDayPerTownAndPerUnit() {
    JsonObject day = review("").getJsonObject("day");
    JsonObject total = day.getJsonObject("total");
    assertThat(total.getInteger("opened")).isEqualTo(3);
    assertThat(total.getInteger("closed")).isEqualTo(1);
    assertThat(total.getInteger("closedOnTime")).isEqualTo(1);
    assertThat(total.getInteger("reworked")).isEqualTo(1);
    assertThat(total.getInteger("overdueNow")).isEqualTo(1);
    assertThat(total.getDouble("signedOnTimeRate")).isEqualTo(1.0);
    assertThat(day.getJsonArray("areas").stream().map(a -> ((JsonObject) a).getString("area")))
        .containsExactly("xudong", "chengguan", "shiqiao");
    JsonObject xudong = row(day.getJsonArray("areas"), "area", "xudong");
    assertThat(xudong.getInteger("opened")).isEqualTo(2);
    assertThat(xudong.getInteger("closed")).isEqualTo(1);
    assertThat(xudong.getInteger("reworked")).isEqualTo(1);
    assertThat(xudong.getInteger("overdueNow")).isZero();
    JsonObject shiqiao = row(day.getJsonArray("areas"), "area", "shiqiao");
    assertThat(shiqiao.getInteger("opened")).isEqualTo(1);
    assertThat(shiqiao.getInteger("overdueNow")).isEqualTo(1);
    assertThat(shiqiao.getValue("signedOnTimeRate")).as("nothing signed for there").isNull();
    assertThat(row(day.getJsonArray("areas"), "area", "chengguan").getInteger("opened")).isZero();
    JsonObject sanitation = row(day.getJsonArray("units"), "unit", "demo-sanitation");
    assertThat(sanitation.getString("name")).as("named as people know it").isEqualTo("环境卫生检查组（演示）");
    assertThat(sanitation.getInteger("opened")).isEqualTo(3);
    assertThat(sanitation.getInteger("closed")).isEqualTo(1);
  }

  @Test
  void aTownsDayPerVillage() {
    JsonObject day = review("&scope=xudong").getJsonObject("day");
    assertThat(day.getJsonObject("total").getInteger("opened")).isEqualTo(2);
    assertThat(day.getJsonArray("areas")).hasSize(TestTown.CATALOGUE.children("xudong").size());
    assertThat(row(day.getJsonArray("areas"), "area", "jinpen").getInteger("closedOnTime")).isEqualTo(1);
    assertThat(row(day.getJsonArray("areas"), "area", "liangting").getInteger("reworked")).isEqualTo(1);
    assertThat(day.getJsonObject("total").getInteger("overdueNow")).as("the overdue case is 石桥镇's").isZero();
  }

  @Test
  void theMonthsRankingJudgesWhoHadCasesToJudge() {
    JsonObject month = review("").getJsonObject("month");
    assertThat(month.getString("month")).isEqualTo("2026-12");
    JsonArray areas = month.getJsonObject("areas").getJsonArray("ranked");
    JsonObject xudong = row(areas, "area", "xudong");
    // signed on time 2/2 (x0.2), handled on time 2/2 (x0.3), closed on time 1/1 (x0.3), reworked 1/2 (x0.2 of 50 %)
    assertThat(xudong.getDouble("score")).isEqualTo(90.0);
    assertThat(xudong.getInteger("rank")).isEqualTo(1);
    assertThat(row(areas, "area", "shiqiao").getValue("score")).as("never signed for: nothing to judge yet").isNull();
    assertThat(row(areas, "area", "shiqiao").getValue("rank")).isNull();
    JsonObject unit = row(month.getJsonObject("units").getJsonArray("ranked"), "unit", "demo-sanitation");
    assertThat(unit.getInteger("opened")).isEqualTo(3);
    assertThat(unit.getString("name")).isEqualTo("环境卫生检查组（演示）");
    assertThat(unit.getDouble("score")).isEqualTo(90.0);
  }

  @Test
  void theReviewCountsAsTheCaseFiguresDo() {
    HttpResponse<Buffer> stats = officer(server.client.get("/api/v1/cases/stats?from=" + DAY + "&to=" + DAY + "&by=area"))
        .send().await();
    assertThat(stats.statusCode()).as(stats.bodyAsString()).isEqualTo(200);
    JsonObject figures = stats.bodyAsJsonObject().getJsonObject("figures");
    JsonArray areas = review("").getJsonObject("day").getJsonArray("areas");
    for (String town : new String[] {"xudong", "chengguan", "shiqiao"}) {
      for (String figure : new String[] {"opened", "closed", "closedOnTime", "reworked", "overdueNow"}) {
        assertThat(row(areas, "area", town).getInteger(figure)).as(town + " " + figure)
            .isEqualTo(figures.getJsonObject(town).getInteger(figure));
      }
    }
  }

  @Test
  void aWallKeySeesTheCountsToo() {
    HttpResponse<Buffer> response = server.client.get("/api/v1/review?date=" + DAY + "&key=" + TestTown.DISPLAY_KEY)
        .send().await();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonObject("cases").getJsonObject("day").getJsonObject("total")
        .getInteger("opened")).isEqualTo(3);
  }
}
