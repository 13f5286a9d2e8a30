package io.watchfloor.review;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.SqlConnection;
import io.watchfloor.Api;
import io.watchfloor.MutableClock;
import io.watchfloor.PgTest;
import io.watchfloor.TestDatabase;
import io.watchfloor.TestServer;
import io.watchfloor.TestTown;
import io.watchfloor.domain.Area;
import io.watchfloor.domain.Catalogue;
import io.watchfloor.domain.Site;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * GET /api/v1/review on PostgreSQL: five weeks of a generated district (fixed seed) stored as rows,
 * the review's figures checked against sums taken straight from those rows; alert step times with
 * the injected clock; bad dates and scopes. Times are Shanghai's (UTC+8).
 */
@PgTest
class ReviewApiTest {
  private static final String DATABASE = "wf_test_review";
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  private static final Instant NOON = OffsetDateTime.parse("2026-11-21T12:00:00+08:00").toInstant();
  private static final MutableClock CLOCK = new MutableClock(NOON);
  private static final Catalogue CATALOGUE = TestTown.CATALOGUE;
  private static final List<String> SITES = List.of("cp-highway-exit", "cp-xudong-road", "cp-chengguan-toll",
      "cp-shiqiao-bridge", "pd-jinpen", "pd-liangting", "pd-xijie", "pd-hekou", "sn-jinpen", "sn-liangting", "sn-xijie",
      "sn-beimen", "sn-hekou");
  private static TestServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    // escalation a little later than the two steps the alert test takes, checked every second
    server = TestServer.start(new JsonObject()
        .put("store", new JsonObject().put("kind", "postgres")
            .put("pg", new JsonObject().put("url", TestDatabase.fresh(DATABASE)).put("connect-timeout-ms", 1000)))
        .put("alerts", new JsonObject().put("escalate-critical-after", "PT7M").put("escalation-check-seconds", 1)), CLOCK);
    api = new Api(server);
    generate();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** 0 to 3 reports a site a day over five weeks and a day, stored as the store stores them. */
  private static void generate() {
    Random random = new Random(15);
    List<String> rows = new ArrayList<>();
    for (LocalDate day = DAY.minusDays(35); !day.isAfter(DAY); day = day.plusDays(1)) {
      for (String siteId : SITES) {
        Site site = CATALOGUE.site(siteId).orElseThrow();
        int reports = random.nextInt(4);
        for (int i = 0; i < reports; i++) {
          OffsetDateTime at = day.atTime(6 + random.nextInt(16), random.nextInt(60)).atOffset(ZoneOffset.ofHours(8));
          JsonObject metrics = switch (site.kind()) {
            case "checkpoint" -> new JsonObject().put("vehicles_checked", random.nextInt(500))
                .put("vehicles_turned_back", random.nextInt(10));
            case "community" -> new JsonObject().put("petitions_visit", random.nextInt(6)).put("backlog_cases", random.nextInt(20));
            default -> new JsonObject().put("score", 60 + random.nextInt(400) / 10.0).put("problems_found", random.nextInt(9));
          };
          rows.add("('" + new UUID(random.nextLong(), random.nextLong()) + "', 'generated', '" + siteId + "', '" + at + "', '"
              + day + "', '" + at + "', '" + metrics.encode() + "', NULL, 'generated')");
        }
      }
    }
    TestDatabase.execute(DATABASE, "INSERT INTO report (id, unit, site, observed_at, local_day, received_at, metrics, note, body_hash)"
        + " VALUES " + String.join(",\n", rows));
  }

  @Test
  void figuresAreTheStoredRowsSummedPerMetricAndChildAreaForTheDayYesterdayAndTheSameWeekday() {
    for (String scope : List.of("changling", "xudong")) {
      JsonObject review = read(TestTown.DISPLAY_KEY, null, "date", DAY.toString(), "scope", scope);
      assertThat(review.getString("date")).isEqualTo("2026-11-20");
      assertThat(review.getString("level")).isEqualTo(scope.equals("changling") ? "district" : "town");
      JsonObject figures = review.getJsonObject("figures");
      List<String> areas = new ArrayList<>(List.of(scope));
      CATALOGUE.children(scope).forEach(a -> areas.add(a.id()));
      for (String metric : List.of("vehicles_checked", "petitions_visit", "problems_found", "score", "backlog_cases")) {
        for (String area : areas) {
          JsonObject row = area.equals(scope) ? figures.getJsonObject(metric)
              : figures.getJsonObject(metric).getJsonObject("areas").getJsonObject(area);
          String what = scope + " " + metric + " " + area;
          assertThat(thousandths(row.getValue("day"))).as(what + " day").isEqualTo(expected(metric, area, List.of(DAY), false));
          assertThat(thousandths(row.getValue("yesterday"))).as(what + " yesterday")
              .isEqualTo(expected(metric, area, List.of(DAY.minusDays(1)), false));
          Long mean = expected(metric, area, List.of(DAY.minusWeeks(1), DAY.minusWeeks(2), DAY.minusWeeks(3), DAY.minusWeeks(4)), true);
          Long got = thousandths(row.getValue("weekdayMean"));
          assertThat(got == null ? mean : (Object) Math.abs(got - mean)).as(what + " same weekday's mean " + got + " vs " + mean)
              .isIn(mean, 0L, 1L);
          if (row.getValue("day") != null && row.getValue("yesterday") != null) {
            assertThat(thousandths(row.getValue("vsYesterday")))
                .isEqualTo(thousandths(row.getValue("day")) - thousandths(row.getValue("yesterday")));
          }
        }
        JsonArray up = figures.getJsonObject(metric).getJsonObject("movers").getJsonArray("up");
        assertThat(up.size()).isLessThanOrEqualTo(3);
        up.forEach(m -> assertThat(((JsonObject) m).getDouble("change")).isPositive());
      }
      assertThat(review.getJsonObject("compliance").getJsonObject("month").fieldNames())
          .containsExactlyInAnyOrderElementsOf(CATALOGUE.children(scope).stream().map(Area::id).toList());
      assertThat(review.getJsonObject("ranking").getJsonObject("month").getString("metric")).isEqualTo("score");
      assertThat(review.getJsonArray("flags")).isEmpty();
    }
  }

  @Test
  void alertStepsAreTimedByTheClockWithMediansWhatStaysOpenAndWhatEscalated() {
    String duty = api.signIn("duty", "duty-demo-pass");
    CLOCK.set(NOON);
    assertThat(api.postReport(TestTown.PETITIONS, escalated("pd-jinpen")).statusCode()).isEqualTo(201);
    assertThat(api.postReport(TestTown.PETITIONS, escalated("pd-xijie")).statusCode()).isEqualTo(201);
    String jinpen = awaitAlert(duty, "pd-jinpen");
    String xijie = awaitAlert(duty, "pd-xijie");

    CLOCK.advance(Duration.ofMinutes(5));
    act(duty, jinpen, "ack", new JsonObject());
    CLOCK.advance(Duration.ofMinutes(10));
    act(duty, jinpen, "resolve", new JsonObject().put("note", "已处置"));

    JsonObject alerts = await("xijie's alert, never acknowledged, escalates").atMost(Duration.ofSeconds(30))
        .until(() -> read(null, duty, "date", "2026-11-21").getJsonObject("alerts"),
            a -> a.getJsonArray("escalated").contains(xijie));
    JsonObject done = item(alerts, jinpen);
    assertThat(done.getJsonObject("acknowledged").getString("by")).isEqualTo("duty");
    assertThat(done.getJsonObject("acknowledged").getLong("afterSeconds")).isEqualTo(300);
    assertThat(done.getJsonObject("resolved").getLong("afterSeconds")).as("after the acknowledgement").isEqualTo(600);
    assertThat(done.getString("desk")).isEqualTo("xudong");
    assertThat(item(alerts, xijie).getValue("acknowledged")).isNull();
    assertThat(item(alerts, xijie).getString("escalatedTo")).isEqualTo("changling");
    assertThat(alerts.getJsonObject("medians").getJsonObject("critical"))
        .isEqualTo(new JsonObject().put("ackSeconds", 300).put("resolveSeconds", 600));
    assertThat(alerts.getJsonArray("open")).contains(xijie).doesNotContain(jinpen);
    assertThat(alerts.getJsonArray("escalated")).doesNotContain(jinpen);

    String town = api.signIn("xudong-duty", "xudong-duty-demo-pass");
    JsonObject own = read(null, town, "date", "2026-11-21").getJsonObject("alerts");
    assertThat(own.getJsonArray("items").stream().map(a -> ((JsonObject) a).getString("id")))
        .as("a town's review holds its own alerts only").contains(jinpen).doesNotContain(xijie);
  }

  @Test
  void aFutureDateOneBeyondTheHistoryOrAMalformedOneIs422AndAScopeOutsideIs403() {
    for (String date : List.of("2026-11-22", LocalDate.parse("2026-11-21").minusDays(500).toString(), "2026-13-01", "21.11.2026")) {
      HttpResponse<Buffer> response = get(TestTown.DISPLAY_KEY, null, "date", date);
      assertThat(response.statusCode()).as(date).isEqualTo(422);
      assertThat(response.bodyAsString()).as(date).contains("\"date\"");
    }
    String town = api.signIn("xudong-duty", "xudong-duty-demo-pass");
    HttpResponse<Buffer> outside = get(null, town, "scope", "chengguan");
    HttpResponse<Buffer> unknown = get(null, town, "scope", "nowhere");
    assertThat(outside.statusCode()).isEqualTo(403);
    assertThat(unknown.statusCode()).isEqualTo(403);
    assertThat(outside.bodyAsString()).isEqualTo(unknown.bodyAsString());
    assertThat(get(null, town, "scope", "chengguan", "date", "2026-13-01").statusCode()).as("the scope first").isEqualTo(403);
    assertThat(get(null, town, "scope", "jinpen").statusCode()).isEqualTo(200);
    assertThat(server.client.get("/api/v1/review").send().await().statusCode()).isEqualTo(401);
  }

  /**
   * The figure straight from the rows, in thousandths: a counter's sum (a mean of days: their sum
   * over the days); the score's mean of readings (over days: the mean of each day's mean to 3 places);
   * the backlog's sum of each desk's last reading. Null where a gauge has no reading.
   */
  private static Long expected(String metric, String area, List<LocalDate> days, boolean mean) {
    String sites = CATALOGUE.subtreeSites(area).stream().map(s -> "'" + s.id() + "'").collect(Collectors.joining(","));
    String rows = "FROM report WHERE metrics ? '" + metric + "' AND site IN (" + (sites.isEmpty() ? "''" : sites) + ")"
        + " AND local_day IN (" + days.stream().map(d -> "'" + d + "'").collect(Collectors.joining(",")) + ")";
    String v = "(metrics ->> '" + metric + "')::numeric";
    String sql = switch (metric) {
      case "score" -> mean
          ? "SELECT round(avg(d) * 1000)::bigint FROM (SELECT round(avg(" + v + "), 3) AS d " + rows + " GROUP BY local_day) x"
          : "SELECT round(avg(" + v + ") * 1000)::bigint " + rows;
      case "backlog_cases" -> mean
          ? "SELECT round(avg(d) * 1000)::bigint FROM (SELECT local_day, sum(v) AS d FROM (SELECT DISTINCT ON (local_day, site)"
              + " local_day, " + v + " AS v " + rows + " ORDER BY local_day, site, observed_at DESC, id DESC) l GROUP BY local_day) x"
          : "SELECT (sum(v) * 1000)::bigint FROM (SELECT DISTINCT ON (site) " + v + " AS v " + rows
              + " ORDER BY site, observed_at DESC, id DESC) l";
      default -> "SELECT round(coalesce(sum(" + v + "), 0) * 1000 / " + days.size() + ")::bigint " + rows;
    };
    return query(sql);
  }

  private static Long query(String sql) {
    Vertx vertx = Vertx.vertx();
    try {
      return PgConnection.connect(vertx, PgConnectOptions.fromUri(TestDatabase.adminUrl()).setDatabase(TestDatabase.name(DATABASE)))
          .compose(conn -> conn.query(sql).execute().map(rows -> rows.iterator().next().getLong(0))
              .eventually(((SqlConnection) conn)::close))
          .await();
    } finally {
      vertx.close().await();
    }
  }

  private static Long thousandths(Object value) {
    return value == null ? null : Math.round(((Number) value).doubleValue() * 1000);
  }

  private static JsonObject escalated(String site) {
    return new JsonObject().put("id", UUID.randomUUID().toString()).put("site", site)
        .put("observedAt", OffsetDateTime.ofInstant(CLOCK.instant(), ZoneOffset.ofHours(8)).toString())
        .put("metrics", new JsonObject().put("escalated_petitions", 1));
  }

  private static String awaitAlert(String cookie, String site) {
    return await("an alert on " + site).atMost(Duration.ofSeconds(30)).until(() -> {
      HttpResponse<Buffer> list = signed(server.client.get("/api/v1/alerts"), cookie).send().await();
      return list.bodyAsJsonObject().getJsonArray("alerts").stream().map(JsonObject.class::cast)
          .filter(a -> site.equals(a.getString("subject")) && "escalated-petition".equals(a.getString("rule")))
          .map(a -> a.getString("id")).findFirst();
    }, Optional::isPresent).orElseThrow();
  }

  private static void act(String cookie, String id, String action, JsonObject body) {
    HttpResponse<Buffer> response = signed(server.client.post("/api/v1/alerts/" + id + "/" + action), cookie)
        .sendJsonObject(body).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
  }

  private static JsonObject item(JsonObject alerts, String id) {
    return alerts.getJsonArray("items").stream().map(JsonObject.class::cast).filter(a -> id.equals(a.getString("id")))
        .findFirst().orElseThrow();
  }

  private static HttpRequest<Buffer> signed(HttpRequest<Buffer> request, String cookie) {
    return request.putHeader("Cookie", cookie).putHeader("Origin", api.origin());
  }

  /** As a wall screen with its key, or as a signed-in operator. */
  static HttpResponse<Buffer> get(String key, String cookie, String... params) {
    HttpRequest<Buffer> request = server.client.get("/api/v1/review");
    if (key != null) {
      request.addQueryParam("key", key);
    } else {
      signed(request, cookie);
    }
    for (int i = 0; i < params.length; i += 2) {
      request.addQueryParam(params[i], params[i + 1]);
    }
    return request.send().await();
  }

  static JsonObject read(String key, String cookie, String... params) {
    HttpResponse<Buffer> response = get(key, cookie, params);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }
}
