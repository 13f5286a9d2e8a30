package io.watchfloor.history;

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

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Series, rankings and compliance (docs/api.md) on the PostgreSQL store, fed through the ingest API,
 * answers worked out by hand. Each test posts on days of its own and sets the clock it needs; the
 * server reads the same clock, so "today" and "this month" move with it. Times are Shanghai's (UTC+8).
 */
@PgTest
class HistoryApiTest {
  private static final String DATABASE = "wf_test_history";
  private static final MutableClock CLOCK = new MutableClock(OffsetDateTime.parse("2026-11-21T12:00:00+08:00").toInstant());
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server = TestServer.postgres(TestDatabase.fresh(DATABASE), CLOCK);
    api = new Api(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void clockAt(String time) {
    CLOCK.set(OffsetDateTime.parse(time).toInstant());
  }

  static JsonObject at(String site, String observedAt, JsonObject metrics) {
    return TestTown.body(UUID.randomUUID(), site, observedAt, metrics);
  }

  static void post(String token, JsonObject... reports) {
    JsonObject result = api.postBatch(token, new JsonObject().put("reports", new JsonArray(List.of((Object[]) reports))))
        .bodyAsJsonObject();
    assertThat(result.getInteger("accepted")).as(result.encode()).isEqualTo(reports.length);
  }

  /** A GET as the wall screen makes it, with its display key. */
  static JsonObject read(String path, String... params) {
    HttpRequest<Buffer> request = server.client.get(path).addQueryParam("key", TestTown.DISPLAY_KEY);
    for (int i = 0; i < params.length; i += 2) {
      request.addQueryParam(params[i], params[i + 1]);
    }
    HttpResponse<Buffer> response = request.send().await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  static JsonArray points(Object... timesAndValues) {
    JsonArray points = new JsonArray();
    for (int i = 0; i < timesAndValues.length; i += 2) {
      points.add(new JsonObject().put("t", timesAndValues[i]).put("v", timesAndValues[i + 1]));
    }
    return points;
  }

  @Test
  void seriesBucketsFollowShanghaiWallClockHoursFiveMinutesAndDays() {
    clockAt("2026-11-19T12:00:00+08:00");
    post(TestTown.CHECKPOINTS,
        at("cp-highway-exit", "2026-11-18T23:55:00+08:00", new JsonObject().put("vehicles_checked", 5)),
        at("cp-xudong-road", "2026-11-18T16:02:00Z", new JsonObject().put("vehicles_checked", 7)), // 00:02 on the 19th
        at("cp-highway-exit", "2026-11-19T00:04:59+08:00", new JsonObject().put("vehicles_checked", 11)),
        at("cp-highway-exit", "2026-11-19T00:05:00+08:00", new JsonObject().put("vehicles_checked", 13)),
        at("cp-yinjiapu-bridge", "2026-11-19T01:30:00+08:00", new JsonObject().put("vehicles_checked", 17)));

    JsonObject hours = read("/api/v1/series", "metric", "vehicles_checked", "step", "1h",
        "from", "2026-11-18T15:00:00Z", "to", "2026-11-19T02:00:00+08:00");
    assertThat(hours).isEqualTo(new JsonObject().put("metric", "vehicles_checked").put("scope", "changling").putNull("site").putNull("area")
        .put("step", "1h").put("from", "2026-11-18T23:00:00+08:00").put("to", "2026-11-19T02:00:00+08:00")
        .put("points", points("2026-11-18T23:00:00+08:00", 5, "2026-11-19T00:00:00+08:00", 31,
            "2026-11-19T01:00:00+08:00", 17)));
    assertThat(hours.encode()).as("whole numbers are integers").contains("\"v\":31}").doesNotContain(".0");

    assertThat(read("/api/v1/series", "metric", "vehicles_checked", "site", "cp-highway-exit", "step", "5m",
        "from", "2026-11-19T00:01:00+08:00", "to", "2026-11-19T00:15:00+08:00").getJsonArray("points"))
        .as("the range widens to whole 5-minute marks")
        .isEqualTo(points("2026-11-19T00:00:00+08:00", 11, "2026-11-19T00:05:00+08:00", 13, "2026-11-19T00:10:00+08:00", 0));

    assertThat(read("/api/v1/series", "metric", "vehicles_checked", "step", "1d",
        "from", "2026-11-18T00:00:00+08:00", "to", "2026-11-20T00:00:00+08:00").getJsonArray("points"))
        .isEqualTo(points("2026-11-18T00:00:00+08:00", 5, "2026-11-19T00:00:00+08:00", 48));

    JsonObject area = read("/api/v1/series", "metric", "vehicles_checked", "area", "yinjiapu", "step", "1h",
        "from", "2026-11-19T00:00:00+08:00", "to", "2026-11-19T02:00:00+08:00");
    assertThat(area.getString("area")).isEqualTo("yinjiapu");
    assertThat(area.getJsonArray("points")).isEqualTo(points("2026-11-19T00:00:00+08:00", 0, "2026-11-19T01:00:00+08:00", 17));

    HttpResponse<Buffer> unencoded = server.client.get("/api/v1/series?key=" + TestTown.DISPLAY_KEY
        + "&metric=vehicles_checked&step=1d&from=2026-11-19T00:00:00+08:00&to=2026-11-20T00:00:00+08:00").send().await();
    assertThat(unencoded.bodyAsJsonObject().getJsonArray("points")).as("a raw + arrives as a space and is read as +")
        .isEqualTo(points("2026-11-19T00:00:00+08:00", 48));
  }

  @Test
  void backlogIsTheSumOfEachDesksLastReadingAndEmptyGaugeBucketsAreNull() {
    clockAt("2026-11-19T12:00:00+08:00");
    post(TestTown.PETITIONS,
        at("pd-jinpen", "2026-11-19T09:10:00+08:00", new JsonObject().put("backlog_cases", 5)),
        at("pd-jinpen", "2026-11-19T09:40:00+08:00", new JsonObject().put("backlog_cases", 3)),
        at("pd-liangting", "2026-11-19T09:30:00+08:00", new JsonObject().put("backlog_cases", 4)),
        at("pd-liangting", "2026-11-19T11:20:00+08:00", new JsonObject().put("backlog_cases", 6)));
    assertThat(read("/api/v1/series", "metric", "backlog_cases", "step", "1h",
        "from", "2026-11-19T09:00:00+08:00", "to", "2026-11-19T12:00:00+08:00").getJsonArray("points"))
        .isEqualTo(points("2026-11-19T09:00:00+08:00", 7, "2026-11-19T10:00:00+08:00", null, "2026-11-19T11:00:00+08:00", 6));
    assertThat(read("/api/v1/series", "metric", "backlog_cases", "step", "1d",
        "from", "2026-11-19T00:00:00+08:00", "to", "2026-11-20T00:00:00+08:00").getJsonArray("points"))
        .isEqualTo(points("2026-11-19T00:00:00+08:00", 9));
  }

  @Test
  void theMonthlyRankingSharesRanksOnTiesAndListsRedAndBlack() {
    clockAt("2026-11-01T00:10:00+08:00");
    post(TestTown.SANITATION,
        at("sn-xujiapai", "2026-10-31T23:50:00+08:00", score(99)),
        at("sn-jinpen", "2026-11-01T00:05:00+08:00", score(70)));
    clockAt("2026-11-16T18:00:00+08:00");
    post(TestTown.SANITATION,
        at("sn-liangting", "2026-11-16T09:00:00+08:00", score(94)),
        at("sn-liangting", "2026-11-16T15:00:00+08:00", score(96)),
        at("sn-puzizui", "2026-11-16T09:00:00+08:00", score(90)),
        at("sn-shishuling", "2026-11-16T09:00:00+08:00", score(90)),
        at("sn-tianjing", "2026-11-16T09:00:00+08:00", score(85)),
        at("sn-jizhen", "2026-11-16T09:00:00+08:00", score(80)),
        at("sn-jinpen", "2026-11-16T09:00:00+08:00", score(70)),
        at("sn-yinjiapu", "2026-11-16T09:00:00+08:00", score(70)),
        at("sn-yinjiapu", "2026-11-16T10:00:00+08:00", new JsonObject().put("problems_found", 4)));
    clockAt("2026-11-21T12:00:00+08:00");

    JsonObject november = read("/api/v1/rankings/score", "scope", "xudong");
    assertThat(november.getString("metric")).isEqualTo("score");
    assertThat(november.getString("month")).as("this month by the server's clock").isEqualTo("2026-11");
    assertThat(november.getJsonArray("areas").stream().map(a -> rankLine((JsonObject) a)).toList()).containsExactly(
        "liangting 95 2 1", "puzizui 90 1 2", "shishuling 90 1 2", "tianjing 85 1 4", "jizhen 80 1 5",
        "jinpen 70 2 6", "yinjiapu 70 1 6", "xujiapai null 0 null");
    assertThat(november.getJsonArray("red")).containsExactly("liangting", "puzizui", "shishuling");
    assertThat(november.getJsonArray("black")).containsExactly("yinjiapu", "jinpen", "jizhen");
    JsonObject first = november.getJsonArray("areas").getJsonObject(0);
    assertThat(first.getString("name")).isEqualTo(TestTown.CATALOGUE.area("liangting").orElseThrow().name());
    assertThat(first.getJsonObject("label").getString("zh")).isNotBlank();

    JsonObject district = read("/api/v1/rankings/score");
    assertThat(district.getString("scope")).as("the caller's own scope by default").isEqualTo("changling");
    JsonObject xudong = district.getJsonArray("areas").stream().map(JsonObject.class::cast)
        .filter(a -> a.getString("area").equals("xudong")).findFirst().orElseThrow();
    assertThat(rankLine(xudong)).as("the town's mean is that of every score its villages got: 745 / 9")
        .isEqualTo("xudong 82.8 9 1");

    JsonObject october = read("/api/v1/rankings/score", "scope", "xudong", "month", "2026-10");
    assertThat(october.getJsonArray("areas").getJsonObject(0).getString("area")).isEqualTo("xujiapai");
    assertThat(october.getJsonArray("areas").getJsonObject(0).getInteger("value")).isEqualTo(99);
    assertThat(october.getJsonArray("red")).as("one score is no ranking: neither praised nor criticised").isEmpty();
    assertThat(october.getJsonArray("black")).isEmpty();
  }

  static JsonObject score(double score) {
    return new JsonObject().put("score", score);
  }

  static String rankLine(JsonObject area) {
    return area.getString("area") + " " + area.getValue("value") + " " + area.getValue("readings") + " " + area.getValue("rank");
  }

  @Test
  void complianceShowsMissingSitesOnlyOnceTheirDeadlineHasPassed() {
    clockAt("2026-11-20T16:00:00+08:00");
    post(TestTown.SANITATION, at("sn-jinpen", "2026-11-20T10:00:00+08:00", new JsonObject().put("problems_found", 2)));
    post(TestTown.PETITIONS, at("pd-jinpen", "2026-11-20T09:00:00+08:00", new JsonObject().put("petitions_visit", 1)),
        at("pd-jinpen", "2026-11-20T07:00:00Z", new JsonObject().put("disputes_screened", 1)));

    JsonObject before = read("/api/v1/compliance", "scope", "xudong");
    assertThat(before.getString("date")).isEqualTo("2026-11-20");
    assertThat(before.getJsonObject("kinds").fieldNames()).as("checkpoints have no daily deadline")
        .containsExactlyInAnyOrder("community", "inspection");
    assertThat(before.getJsonObject("kinds").getJsonObject("inspection")).isEqualTo(new JsonObject()
        .put("deadline", "2026-11-20T17:00:00+08:00").put("deadlinePassed", false).put("expected", 8)
        .put("reported", 1).put("missing", 0));
    assertThat(site(before, "pd-jinpen")).isEqualTo(new JsonObject().put("site", "pd-jinpen").put("kind", "community")
        .put("area", "jinpen").put("reported", true).put("firstReportAt", "2026-11-20T09:00:00+08:00")
        .put("lastReportAt", "2026-11-20T15:00:00+08:00").put("reports", 2).put("late", false).put("missing", false));
    assertThat(site(before, "sn-puzizui").getBoolean("missing")).isFalse();
    assertThat(site(before, "sn-puzizui").getValue("firstReportAt")).isNull();

    clockAt("2026-11-20T17:30:00+08:00");
    post(TestTown.SANITATION, at("sn-liangting", "2026-11-20T17:20:00+08:00", new JsonObject().put("problems_found", 1)));
    JsonObject after = read("/api/v1/compliance", "scope", "xudong");
    assertThat(after.getJsonObject("kinds").getJsonObject("inspection").getBoolean("deadlinePassed")).isTrue();
    assertThat(after.getJsonObject("kinds").getJsonObject("inspection").getInteger("reported")).isEqualTo(2);
    assertThat(after.getJsonObject("kinds").getJsonObject("inspection").getInteger("missing")).isEqualTo(6);
    assertThat(after.getJsonObject("kinds").getJsonObject("community").getInteger("missing")).as("due at 18:00").isZero();
    assertThat(site(after, "sn-liangting").getBoolean("late")).isTrue();
    assertThat(site(after, "sn-jinpen").getBoolean("late")).isFalse();
    assertThat(site(after, "sn-puzizui").getBoolean("missing")).isTrue();
    JsonObject villages = after.getJsonObject("areas");
    assertThat(villages.fieldNames()).as("one summary per village of the town").hasSize(8);
    assertThat(villages.getJsonObject("jinpen")).isEqualTo(new JsonObject().put("expected", 2).put("reported", 2)
        .put("onTime", 2).put("late", 0).put("missing", 0).put("rate", 1.0).put("worst", new JsonArray()));
    assertThat(villages.getJsonObject("liangting")).isEqualTo(new JsonObject().put("expected", 2).put("reported", 1)
        .put("onTime", 0).put("late", 1).put("missing", 0).put("rate", 0.0).put("worst", new JsonArray().add("liangting")));
    assertThat(villages.getJsonObject("puzizui").getInteger("missing")).as("sanitation missing, petitions not yet due")
        .isEqualTo(1);

    clockAt("2026-11-21T09:00:00+08:00");
    JsonObject yesterday = read("/api/v1/compliance", "scope", "xudong", "date", "2026-11-20");
    assertThat(yesterday.getJsonObject("kinds").getJsonObject("community"))
        .isEqualTo(new JsonObject().put("deadline", "2026-11-20T18:00:00+08:00").put("deadlinePassed", true)
            .put("expected", 8).put("reported", 1).put("missing", 7));
    assertThat(read("/api/v1/compliance", "scope", "xudong").getString("date")).isEqualTo("2026-11-21");
  }

  static JsonObject site(JsonObject compliance, String id) {
    return compliance.getJsonArray("sites").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("site").equals(id)).findFirst().orElseThrow();
  }
}
