package io.watchfloor.history;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Who may read the history, and what a bad parameter gets: a 4xx problem+json naming it. */
@PgTest
class HistoryBadInputTest {
  private static final String DATABASE = "wf_test_history_input";
  private static final String DAY = "2026-11-21T00:00:00+08:00";
  private static final String NEXT_DAY = "2026-11-22T00:00:00+08:00";
  private static TestServer server;

  @BeforeAll
  static void start() {
    MutableClock clock = new MutableClock(OffsetDateTime.parse("2026-11-21T12:00:00+08:00").toInstant());
    server = TestServer.postgres(TestDatabase.fresh(DATABASE), clock);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<Buffer> get(String path, String... params) {
    HttpRequest<Buffer> request = server.client.get(path).addQueryParam("key", TestTown.DISPLAY_KEY);
    for (int i = 0; i < params.length; i += 2) {
      request.addQueryParam(params[i], params[i + 1]);
    }
    return request.send().await();
  }

  /** The fields a problem names, after checking it is one with the given status. */
  static List<String> refused(int status, String path, String... params) {
    HttpResponse<Buffer> response = get(path, params);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getInteger("status")).isEqualTo(status);
    return problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
  }

  static List<String> series(String... params) {
    return refused(422, "/api/v1/series", params);
  }

  @Test
  void aSeriesNamesEveryMissingOrWrongParameter() {
    assertThat(series()).containsExactlyInAnyOrder("metric", "step");
    assertThat(series("metric", "score", "step", "1h", "from", DAY)).as("one end without the other").containsExactly("to");
    assertThat(series("metric", "score", "step", "1h", "to", NEXT_DAY)).containsExactly("from");
    assertThat(series("metric", "nope", "step", "1h", "from", DAY, "to", NEXT_DAY)).containsExactly("metric");
    assertThat(series("metric", "vehicles_checked", "site", "pd-jinpen", "step", "1h", "from", DAY, "to", NEXT_DAY))
        .as("a petition desk counts no vehicles").containsExactly("metric");
    assertThat(series("metric", "vehicles_checked", "site", "cp-highway-exit", "area", "jinpen", "step", "1h", "from", DAY,
        "to", NEXT_DAY)).containsExactly("area");
    assertThat(series("metric", "vehicles_checked", "site", "", "step", "2h", "from", "yesterday", "to", "2026-11-22T00:00:00"))
        .as("an empty site, an unknown step, and times without an offset").containsExactly("site", "step", "from", "to");
    assertThat(series("metric", "vehicles_checked", "step", "1h", "from", DAY, "to", DAY, "colour", "red"))
        .containsExactlyInAnyOrder("to", "colour");
    assertThat(series("metric", "vehicles_checked", "step", "1h", "from", "+10000-01-01T00:00:00+08:00", "to", DAY))
        .containsExactly("from");
  }

  @Test
  void anUnknownSiteAreaOrScopeIsTheSame403WhateverElseIsWrong() {
    HttpResponse<Buffer> first = get("/api/v1/series", "metric", "vehicles_checked", "site", "atlantis", "step", "1h",
        "from", DAY, "to", NEXT_DAY);
    assertThat(first.statusCode()).isEqualTo(403);
    assertThat(first.getHeader("Content-Type")).isEqualTo("application/problem+json");
    for (HttpResponse<Buffer> response : List.of(
        get("/api/v1/series", "metric", "nope", "area", "atlantis", "step", "2h"),
        get("/api/v1/series", "scope", "atlantis", "metric", "vehicles_checked", "step", "1h", "from", DAY, "to", NEXT_DAY),
        get("/api/v1/rankings/score", "scope", "atlantis"),
        get("/api/v1/rankings/nope", "scope", "atlantis"),
        get("/api/v1/compliance", "scope", "atlantis", "date", "tomorrow"))) {
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.bodyAsString()).isEqualTo(first.bodyAsString());
    }
  }

  @Test
  void aSeriesWithoutFromAndToIsTodayInLocalTime() {
    JsonObject today = get("/api/v1/series", "metric", "vehicles_checked", "step", "1h").bodyAsJsonObject();
    assertThat(today.getString("from")).isEqualTo(DAY);
    assertThat(today.getString("to")).isEqualTo(NEXT_DAY);
    assertThat(today.getJsonArray("points")).hasSize(24);
  }

  @Test
  void aSeriesRangeIsBoundedByItsStep() {
    assertThat(series("metric", "vehicles_checked", "step", "5m", "from", DAY, "to", "2026-11-23T00:00:01+08:00"))
        .containsExactly("to");
    assertThat(series("metric", "vehicles_checked", "step", "1h", "from", DAY, "to", "2026-12-22T00:00:01+08:00"))
        .containsExactly("to");
    assertThat(series("metric", "vehicles_checked", "step", "1d", "from", DAY, "to", "2027-12-26T00:00:01+08:00"))
        .containsExactly("to");
    assertThat(get("/api/v1/series", "metric", "vehicles_checked", "step", "5m", "from", DAY, "to", "2026-11-23T00:00:00+08:00")
        .bodyAsJsonObject().getJsonArray("points")).as("exactly two days is allowed").hasSize(576);
    assertThat(get("/api/v1/series", "metric", "score", "step", "1d", "from", DAY, "to", "2027-12-26T00:00:00+08:00")
        .bodyAsJsonObject().getJsonArray("points")).hasSize(400);
  }

  @Test
  void aRepeatedParameterIsA400() {
    assertThat(refused(400, "/api/v1/series", "metric", "score", "metric", "backlog_cases")).containsExactly("metric");
    assertThat(refused(400, "/api/v1/compliance", "date", "2026-11-20", "date", "2026-11-21")).containsExactly("date");
    assertThat(refused(400, "/api/v1/rankings/score", "scope", "xudong", "scope", "atlantis")).containsExactly("scope");
  }

  @Test
  void onlyAGaugeOfTheCatalogueIsRankedInAMonthThatHasBegun() {
    assertThat(refused(422, "/api/v1/rankings/vehicles_checked")).containsExactly("metric");
    assertThat(refused(422, "/api/v1/rankings/nope")).containsExactly("metric");
    assertThat(refused(422, "/api/v1/rankings/score", "month", "2026-13")).containsExactly("month");
    assertThat(refused(422, "/api/v1/rankings/score", "month", "2026-1")).containsExactly("month");
    assertThat(refused(422, "/api/v1/rankings/score", "month", "2026-12")).as("next month").containsExactly("month");
    assertThat(get("/api/v1/rankings/backlog_cases", "month", "2025-01").statusCode()).isEqualTo(200);
  }

  @Test
  void complianceIsForADayFromTodayBackFourHundredDays() {
    assertThat(refused(422, "/api/v1/compliance", "date", "2026-11-22")).containsExactly("date");
    assertThat(refused(422, "/api/v1/compliance", "date", "2025-10-16")).containsExactly("date");
    assertThat(refused(422, "/api/v1/compliance", "date", "2026-02-30")).containsExactly("date");
    assertThat(refused(422, "/api/v1/compliance", "date", "20261120")).containsExactly("date");
    assertThat(get("/api/v1/compliance", "date", "2025-10-17").statusCode()).isEqualTo(200);
  }

  @Test
  void viewersReadUnitsAndStrangersDoNot() {
    for (String path : List.of("/api/v1/series?metric=score&step=1d&from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z",
        "/api/v1/rankings/score", "/api/v1/compliance")) {
      assertThat(server.client.get(path).send().await().statusCode()).as(path).isEqualTo(401);
      assertThat(server.client.get(path).putHeader("Authorization", "Bearer " + TestTown.PETITIONS).send().await().statusCode())
          .as(path).isEqualTo(403);
      assertThat(server.client.get(path + (path.contains("?") ? "&" : "?") + "key=" + TestTown.DISPLAY_KEY).send().await()
          .statusCode()).as(path).isEqualTo(200);
    }
  }
}
